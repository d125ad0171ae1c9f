namespace Gaoxin.Tests.Support;

/// <summary>What one run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

public static class CliRun
{
    /// <summary>Runs <c>gaoxin</c> in-process with the given arguments.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
