// SecComms' mail layer alone: N messages of one body over C connections, each driven from a thread of its own as the
// dispatcher drives them, through SmtpMailSender and MailKit, with no database and no personalization. What the
// dispatcher adds is the difference between its rate and this one. Before the clock starts it sends 20 messages over one
// connection, as the web host has sent its 20-recipient sample publication before the measured one.
// Usage: SecComms.Bench.MailLayer HOST:PORT MESSAGES CONNECTIONS BODY_FILE; prints MESSAGES, the seconds they took and the
// CPU seconds the process used meanwhile.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using SecComms.Core.Mail;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: SecComms.Bench.MailLayer HOST:PORT MESSAGES CONNECTIONS BODY_FILE");
    return 2;
}
var relay = args[0].Split(':');
var messages = int.Parse(args[1], CultureInfo.InvariantCulture);
var connections = int.Parse(args[2], CultureInfo.InvariantCulture);
var body = File.ReadAllText(args[3]);
var sender = new SmtpMailSender(Options.Create(new MailOptions
{
    Mode = "smtp",
    Host = relay[0],
    Port = int.Parse(relay[1], CultureInfo.InvariantCulture),
    Security = "none",
    From = "Security Team <security@example.com>",
}), TimeProvider.System);

// The headers a dispatch adds to a subscriber's message.
KeyValuePair<string, string>[] headers =
[
    new("Auto-Submitted", "auto-generated"),
    new("List-Unsubscribe", "<https://security.example.com/unsubscribe/0123456789abcdef0123456789abcdef>"),
    new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
];
var next = -1;
void Connection(int count)
{
    using var stop = new CancellationTokenSource();
    var session = sender.OpenOnOwnThread(stop.Token);
    for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
    {
        var to = $"contact{i:D7}@customer{i / 20:D5}.example.com";
        var mail = new OutgoingMail($"{i}@bench.example.com", to, $"Security release for Customer {i / 20:D5}", body) { Headers = headers };
        session.SendAsync(mail, stop.Token).GetAwaiter().GetResult();
    }
    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

Connection(20);
next = -1;
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var threads = Enumerable.Range(0, connections).Select(_ => new Thread(() => Connection(messages))).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
var elapsed = clock.Elapsed;
cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{messages} {elapsed.TotalSeconds:F3} {cpu.TotalSeconds:F3}"));
return 0;
