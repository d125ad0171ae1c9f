using System.Globalization;

namespace Gaoxin.Core.Formulas;

/// <summary>
/// An arithmetic formula over data elements: numbers, element codes, <c>code@prev</c> (the same element a year
/// earlier), <c>code@prevN</c> (N years earlier, e.g. <c>hte_count@prev3</c>), <c>+ - * /</c> and parentheses. Used by validation rules and indicator definitions.
/// </summary>
public abstract record Formula
{
    /// <summary>Computes the formula; null when an operand is missing or a denominator is zero.</summary>
    /// <param name="lookup">Value of an element, given its code and how many years back (0 = this year).</param>
    public abstract decimal? Evaluate(Func<string, int, decimal?> lookup);

    /// <summary>Every element the formula reads, with its lag in years.</summary>
    public abstract IEnumerable<(string Element, int Lag)> Operands();

    /// <summary>Parses a formula; throws <see cref="FormulaException"/> with the position of the problem.</summary>
    public static Formula Parse(string text)
    {
        var parser = new FormulaParser(text);
        var formula = parser.ParseExpression();
        parser.ExpectEnd();
        return formula;
    }

    internal sealed record Number(decimal Value) : Formula
    {
        public override decimal? Evaluate(Func<string, int, decimal?> lookup) => Value;
        public override IEnumerable<(string, int)> Operands() => [];
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    internal sealed record Element(string Code, int Lag) : Formula
    {
        public override decimal? Evaluate(Func<string, int, decimal?> lookup) => lookup(Code, Lag);
        public override IEnumerable<(string, int)> Operands() => [(Code, Lag)];
        public override string ToString() => Lag switch { 0 => Code, 1 => $"{Code}@prev", _ => $"{Code}@prev{Lag}" };
    }

    internal sealed record Negate(Formula Operand) : Formula
    {
        public override decimal? Evaluate(Func<string, int, decimal?> lookup) => -Operand.Evaluate(lookup);
        public override IEnumerable<(string, int)> Operands() => Operand.Operands();
        public override string ToString() => $"-{Operand}";
    }

    internal sealed record Binary(char Operator, Formula Left, Formula Right) : Formula
    {
        public override decimal? Evaluate(Func<string, int, decimal?> lookup)
        {
            if (Left.Evaluate(lookup) is not { } left || Right.Evaluate(lookup) is not { } right) return null;
            return Operator switch
            {
                '+' => left + right,
                '-' => left - right,
                '*' => left * right,
                '/' => right == 0 ? null : left / right,
                _ => throw new InvalidOperationException($"unknown operator {Operator}"),
            };
        }

        public override IEnumerable<(string, int)> Operands() => Left.Operands().Concat(Right.Operands());
        public override string ToString() => $"({Left} {Operator} {Right})";
    }
}

/// <summary>A formula that could not be read, with the 0-based position of the problem.</summary>
public sealed class FormulaException(string message, int position) : Exception(message)
{
    /// <summary>0-based character position in the formula text.</summary>
    public int Position { get; } = position;
}

/// <summary>A check between two formulas, e.g. <c>hte_count &lt;= enterprise_count</c>.</summary>
/// <param name="Left">Left side.</param>
/// <param name="Operator">One of <c>&lt;= &lt; &gt;= &gt; ==</c>.</param>
/// <param name="Right">Right side.</param>
public sealed record Comparison(Formula Left, string Operator, Formula Right)
{
    /// <summary>True or false when both sides can be computed; null otherwise (the check does not apply).</summary>
    public bool? Holds(Func<string, int, decimal?> lookup)
    {
        if (Left.Evaluate(lookup) is not { } left || Right.Evaluate(lookup) is not { } right) return null;
        return Operator switch
        {
            "<=" => left <= right,
            "<" => left < right,
            ">=" => left >= right,
            ">" => left > right,
            "==" => left == right,
            _ => throw new InvalidOperationException($"unknown comparison {Operator}"),
        };
    }

    /// <summary>Every element the check reads.</summary>
    public IEnumerable<(string Element, int Lag)> Operands() => Left.Operands().Concat(Right.Operands());

    /// <summary>Parses <c>formula op formula</c>.</summary>
    public static Comparison Parse(string text)
    {
        var parser = new FormulaParser(text);
        var left = parser.ParseExpression();
        var op = parser.ParseComparisonOperator();
        var right = parser.ParseExpression();
        parser.ExpectEnd();
        return new Comparison(left, op, right);
    }
}

internal sealed class FormulaParser(string text)
{
    /// <summary>
    /// The longest formula and the deepest nesting read. Parsing and evaluating recurse, so a formula of thousands of
    /// brackets or signs would overflow the stack (which ends the process, not just the parse); no real formula comes near.
    /// </summary>
    public const int MaxLength = 4_000, MaxDepth = 64;

    private int _position;
    private int _depth;

    private void SkipSpaces()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
    }

    private char Peek()
    {
        SkipSpaces();
        return _position < text.Length ? text[_position] : '\0';
    }

    public Formula ParseExpression()
    {
        var left = ParseTerm();
        while (Peek() is '+' or '-')
        {
            var op = text[_position++];
            left = new Formula.Binary(op, left, ParseTerm());
        }
        return left;
    }

    private Formula ParseTerm()
    {
        var left = ParseFactor();
        while (Peek() is '*' or '/' or '×')
        {
            var op = text[_position++] == '/' ? '/' : '*';
            left = new Formula.Binary(op, left, ParseFactor());
        }
        return left;
    }

    private Formula ParseFactor()
    {
        if (text.Length > MaxLength) throw new FormulaException($"longer than {MaxLength} characters", MaxLength);
        if (_depth >= MaxDepth) throw new FormulaException($"nested more than {MaxDepth} deep", _position);
        _depth++;
        try
        {
            return ParseNestedFactor();
        }
        finally
        {
            _depth--;
        }
    }

    private Formula ParseNestedFactor()
    {
        var c = Peek();
        if (c == '-' || c == '−')
        {
            _position++;
            return new Formula.Negate(ParseFactor());
        }
        if (c == '(')
        {
            _position++;
            var inner = ParseExpression();
            if (Peek() != ')') throw new FormulaException("expected ')'", _position);
            _position++;
            return inner;
        }
        if (char.IsAsciiDigit(c) || c == '.')
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.')) _position++;
            if (!decimal.TryParse(text[start.._position], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                throw new FormulaException($"'{text[start.._position]}' is not a number", start);
            return new Formula.Number(number);
        }
        if (char.IsAsciiLetterLower(c) || c == '_')
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterLower(text[_position]) || char.IsAsciiDigit(text[_position]) || text[_position] == '_')) _position++;
            var code = text[start.._position];
            var lag = 0;
            if (_position < text.Length && text[_position] == '@')
            {
                const string prev = "@prev";
                if (string.CompareOrdinal(text, _position, prev, 0, prev.Length) != 0)
                    throw new FormulaException("only '@prev' or '@prevN' (N years earlier) may follow an element", _position);
                _position += prev.Length;
                var digits = _position;
                while (_position < text.Length && char.IsAsciiDigit(text[_position])) _position++;
                if (_position == digits) lag = 1;
                else if (!int.TryParse(text[digits.._position], NumberStyles.None, CultureInfo.InvariantCulture, out lag) || lag is < 1 or > 50)
                    throw new FormulaException("the years in '@prevN' must be 1 to 50", digits);
            }
            return new Formula.Element(code, lag);
        }
        throw new FormulaException(c == '\0' ? "the formula ends too early" : $"unexpected '{c}'", _position);
    }

    public string ParseComparisonOperator()
    {
        SkipSpaces();
        foreach (var op in new[] { "<=", ">=", "==", "<", ">" })
        {
            if (string.CompareOrdinal(text, _position, op, 0, op.Length) == 0)
            {
                _position += op.Length;
                return op;
            }
        }
        throw new FormulaException("expected a comparison (<=, <, >=, >, ==)", _position);
    }

    public void ExpectEnd()
    {
        if (Peek() != '\0') throw new FormulaException($"unexpected '{text[_position]}'", _position);
    }
}
