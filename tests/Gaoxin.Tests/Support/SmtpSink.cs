using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Gaoxin.Tests.Support;

/// <summary>One message the sink accepted: the envelope and the parsed message.</summary>
public sealed record SinkMessage(string From, IReadOnlyList<string> Recipients, MimeMessage Message)
{
    /// <summary>The subject and the plain-text body, for assertions.</summary>
    public string Text => $"{Message.Subject}\n{Message.TextBody}";
}

/// <summary>
/// A minimal SMTP server on loopback (RFC 5321's EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT; no TLS, no
/// authentication) that keeps every message it accepts, parsed with MimeKit. With <see cref="RefuseRecipients"/> it answers
/// RCPT TO with 550, as a server that refuses a mailbox does.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SinkMessage> _messages = [];
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Refuse every recipient (550) while true.</summary>
    public volatile bool RefuseRecipients;

    public IReadOnlyList<SinkMessage> Messages { get { lock (_messages) return _messages.ToList(); } }

    /// <summary>The messages addressed to <paramref name="address"/>.</summary>
    public IReadOnlyList<SinkMessage> To(string address) =>
        Messages.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>The settings <c>gaoxin</c> takes to send here.</summary>
    public string[] Settings => [$"--Smtp:Host=127.0.0.1", $"--Smtp:Port={Port}", "--Smtp:UseTls=false", "--Smtp:From=gaoxin@example.org"];

    /// <summary>Waits until at least <paramref name="count"/> messages reached <paramref name="address"/>, or the time is up.</summary>
    public async Task<IReadOnlyList<SinkMessage>> WaitForAsync(string address, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (To(address).Count < count && DateTime.UtcNow < until) await Task.Delay(100);
        return To(address);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                // Latin-1 keeps every byte as it came: the message is handed to MimeKit as the bytes that were sent.
                using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
                await using var writer = new StreamWriter(stream, Encoding.Latin1, 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 sink.local ESMTP test sink");
                string? from = null;
                var recipients = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-sink.local");
                            await writer.WriteLineAsync("250 HELP");
                            break;
                        case "HELO":
                            await writer.WriteLineAsync("250 sink.local");
                            break;
                        case "MAIL":
                            from = Address(line);
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            if (RefuseRecipients) { await writer.WriteLineAsync("550 5.1.1 mailbox unavailable"); break; }
                            recipients.Add(Address(line));
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            if (from is null || recipients.Count == 0) { await writer.WriteLineAsync("503 need MAIL and RCPT first"); break; }
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                                data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                            var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                            lock (_messages) _messages.Add(new SinkMessage(from, recipients.ToList(), message));
                            from = null;
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK queued");
                            break;
                        case "RSET":
                            from = null;
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "NOOP":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 command not implemented");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
    }

    /// <summary>The address of <c>MAIL FROM:&lt;a@b&gt;</c> or <c>RCPT TO:&lt;a@b&gt;</c> (parameters after it ignored).</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':') + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
