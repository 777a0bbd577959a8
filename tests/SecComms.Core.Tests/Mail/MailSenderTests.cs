using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SecComms.Core.Mail;
using SecComms.Testing;

namespace SecComms.Core.Tests.Mail;

public sealed class MailSenderTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Pickup_mode_writes_one_parseable_eml_file_per_message()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seccomms-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = Services(new() { ["Mail:PickupDirectory"] = folder, ["Mail:From"] = "Security Comms <comms@example.com>" });
            var sender = services.GetRequiredService<IMailSender>();
            Assert.IsType<PickupMailSender>(sender);
            var first = new OutgoingMail("one@example.com", "sam@example.com", "SC-1: your approval is needed", "Stage 1 (security) is waiting.\nÜberprüfen.\n")
            {
                Headers = [new("Auto-Submitted", "auto-generated")],
            };

            await using (var session = await sender.OpenAsync(CancellationToken.None))
            {
                await session.SendAsync(first, CancellationToken.None);
                await session.SendAsync(new OutgoingMail("two@example.com", "mo@example.com", "SC-2 was published", "Published.\n"), CancellationToken.None);
                await session.SendAsync(first, CancellationToken.None);
            }

            await using (var session = await sender.OpenAsync(CancellationToken.None))
            {
                var refused = await Assert.ThrowsAsync<MailException>(() =>
                    session.SendAsync(new OutgoingMail("three@example.com", "not an address", "Lost", "x"), CancellationToken.None));
                Assert.Equal("'not an address' is not an email address.", refused.Message);
            }

            var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([Path.Combine(folder, "one_example.com.eml"), Path.Combine(folder, "two_example.com.eml")], files);
            var message = await MimeMessage.LoadAsync(files[0]);
            Assert.Equal("one@example.com", message.MessageId);
            Assert.Equal("sam@example.com", Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal("comms@example.com", Assert.Single(message.From.Mailboxes).Address);
            Assert.Equal("Security Comms", Assert.Single(message.From.Mailboxes).Name);
            Assert.Equal("SC-1: your approval is needed", message.Subject);
            Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
            Assert.Equal(Time.GetUtcNow(), message.Date);
            Assert.Null(message.HtmlBody);
            Assert.Equal("Stage 1 (security) is waiting.\nÜberprüfen.\n", (message.TextBody ?? "").ReplaceLineEndings("\n"));
            Assert.All(await File.ReadAllBytesAsync(files[0]), b => Assert.True(b < 128, "A pickup file is 7-bit clean, whatever relay reads it."));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Smtp_mode_hands_every_message_of_a_session_to_the_server()
    {
        await using var server = await TestSmtpServer.StartAsync();
        await using var services = Services(new()
        {
            ["Mail:Mode"] = "smtp",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "none",
            ["Mail:From"] = "comms@example.com",
        });
        var sender = services.GetRequiredService<IMailSender>();
        Assert.IsType<SmtpMailSender>(sender);

        await using (var session = await sender.OpenAsync(CancellationToken.None))
        {
            foreach (var to in new[] { "sam@example.com", "mo@example.com", "lee@example.com" })
            {
                await session.SendAsync(new OutgoingMail($"{to}.id@example.com", to, $"For {to}", "Plain text.\n"), CancellationToken.None);
            }
        }

        var received = server.Received.ToList();
        Assert.Equal(["sam@example.com", "mo@example.com", "lee@example.com"], received.Select(r => Assert.Single(r.To)));
        Assert.Equal(["For sam@example.com", "For mo@example.com", "For lee@example.com"], received.Select(r => r.Message.Subject));
        Assert.Equal("sam@example.com.id@example.com", received[0].Message.MessageId);
        Assert.Equal("comms@example.com", Assert.Single(received[0].Message.From.Mailboxes).Address);
        Assert.Equal("Plain text.", (received[0].Message.TextBody ?? "").TrimEnd());
    }

    [Fact]
    public async Task A_refused_message_fails_alone_and_the_session_goes_on()
    {
        await using var server = await TestSmtpServer.StartAsync();
        await using var services = Services(Smtp(server.Port));
        server.RefuseNext(1);

        await using var session = await services.GetRequiredService<IMailSender>().OpenAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MailException>(() =>
            session.SendAsync(new OutgoingMail("a@example.com", "sam@example.com", "First", "x"), CancellationToken.None));
        await session.SendAsync(new OutgoingMail("b@example.com", "sam@example.com", "Second", "x"), CancellationToken.None);

        Assert.Contains("refused the message to sam@example.com: 451", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Second", Assert.Single(server.Received).Message.Subject);
    }

    [Fact]
    public async Task A_session_on_its_own_thread_sends_survives_refusals_drops_and_timeouts_and_is_stopped_while_the_relay_is_slow()
    {
        await using var server = await TestSmtpServer.StartAsync();
        await using var services = Services(new(Smtp(server.Port)) { ["Mail:Timeout"] = "00:00:02" });
        var sender = services.GetRequiredService<IMailSender>();

        var outcomes = await Task.Factory.StartNew(() =>
        {
            using var stop = new CancellationTokenSource();
            var session = sender.OpenOnOwnThread(stop.Token);
            var seen = new List<string>();
            void Send(string subject)
            {
                try
                {
                    var sending = session.SendAsync(new OutgoingMail($"{subject}@example.com", "sam@example.com", subject, "x"), stop.Token);
                    Assert.True(sending.IsCompleted, "A blocking session has finished when SendAsync returns.");
                    sending.GetAwaiter().GetResult();
                    seen.Add($"{subject}: sent");
                }
                catch (MailException e)
                {
                    seen.Add($"{subject}: {(e.Permanent ? "failed" : "deferred")}");
                }
                catch (OperationCanceledException)
                {
                    seen.Add($"{subject}: stopped");
                }
            }
            Send("first");
            server.RefuseNext(1);
            Send("refused");
            server.DropNext(1);
            Send("dropped");
            Send("after the drop");
            server.Delay = TimeSpan.FromSeconds(5);
            Send("later than the timeout");
            server.Delay = TimeSpan.FromSeconds(30);
            stop.CancelAfter(TimeSpan.FromMilliseconds(300));
            var started = DateTime.UtcNow;
            Send("slow");
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "Stopping closes the connection instead of waiting for the relay.");
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return seen;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.Equal(["first: sent", "refused: deferred", "dropped: deferred", "after the drop: sent", "later than the timeout: deferred", "slow: stopped"], outcomes);
        Assert.Equal(["first", "after the drop"], server.Received.Select(r => r.Message.Subject));
    }

    [Fact]
    public async Task A_session_on_its_own_thread_that_cannot_connect_says_so_for_every_message()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var services = Services(Smtp(port));

        await using var session = services.GetRequiredService<IMailSender>().OpenOnOwnThread(CancellationToken.None);
        var first = await Assert.ThrowsAsync<MailException>(() => session.SendAsync(new OutgoingMail("a@example.com", "sam@example.com", "A", "x"), CancellationToken.None));
        var second = await Assert.ThrowsAsync<MailException>(() => session.SendAsync(new OutgoingMail("b@example.com", "sam@example.com", "B", "x"), CancellationToken.None));

        Assert.True(first.Unreachable);
        Assert.StartsWith($"Cannot send through 127.0.0.1:{port} (none): ", first.Message, StringComparison.Ordinal);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Settings_that_cannot_work_are_refused_naming_each_key()
    {
        await using var services = Services(new()
        {
            ["Mail:Mode"] = "smtp",
            ["Mail:Port"] = "0",
            ["Mail:Security"] = "ssl3",
            ["Mail:From"] = "not an address",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MailOptions>>().Value);

        Assert.Contains("Mail:Host is required when Mail:Mode is smtp.", refused.Failures);
        Assert.Contains("Mail:Port must be between 1 and 65535, not 0.", refused.Failures);
        Assert.Contains(refused.Failures, f => f.StartsWith("Mail:Security must be one of", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Mail:From must be an address", StringComparison.Ordinal));
        await using var unknownMode = Services(new() { ["Mail:Mode"] = "fax" });
        Assert.Contains("Mail:Mode must be pickup or smtp, not 'fax'.",
            Assert.Throws<OptionsValidationException>(() => unknownMode.GetRequiredService<IOptions<MailOptions>>().Value).Failures);
    }

    internal static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Mail:Mode"] = "smtp",
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "none",
        ["Mail:Timeout"] = "00:00:05",
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddSecCommsMail(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
}
