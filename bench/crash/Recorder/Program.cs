using System.Globalization;
using System.Runtime.InteropServices;
using SecComms.Testing;

// The relay for the crash benchmark: the test suite's SMTP server on a loopback port, taking each message after a short
// delay so that the sender always has messages in flight. It prints its port, then keeps a status file up to date with
// "<messages> <recipient deliveries> <distinct recipients>" until SIGTERM, when it writes the file a last time and exits.
// Usage: recorder <status file> [delay in ms]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: recorder <status file> [delay in ms]");
    return 2;
}
var status = Path.GetFullPath(args[0]);
var delay = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
using var stop = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var relay = await TestSmtpServer.StartAsync();
relay.Delay = TimeSpan.FromMilliseconds(delay);
Console.WriteLine(relay.Port);

void Write()
{
    var received = relay.Received.ToList();
    var deliveries = received.Sum(m => m.To.Count);
    var distinct = received.SelectMany(m => m.To).Distinct(StringComparer.OrdinalIgnoreCase).Count();
    File.WriteAllText(status + ".tmp", $"{received.Count} {deliveries} {distinct}\n");
    File.Move(status + ".tmp", status, overwrite: true);
}

while (!stop.IsCancellationRequested)
{
    Write();
    try
    {
        await Task.Delay(TimeSpan.FromMilliseconds(250), stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
Write();
return 0;
