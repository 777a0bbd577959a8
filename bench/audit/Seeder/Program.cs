using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Policy;

// The audit benchmark's two halves. `seed` migrates a fresh database, puts the default policy in force and appends COUNT
// events through AuditTrail, 10,000 to a write scope, each shaped like a revision's event (a communication entity, its
// revision number and two content hashes). `verify` runs AuditVerifier over the whole chain twice in this process and
// prints the second: "<events> events in <seconds> s, <events/s> events/s".
// Usage: seeder seed <sqlite|postgres> <connection> <count> | seeder verify <sqlite|postgres> <connection>
if (args is not (["seed", _, _, _] or ["verify", _, _]))
{
    Console.Error.WriteLine("usage: seeder seed <sqlite|postgres> <connection> <count> | seeder verify <sqlite|postgres> <connection>");
    return 2;
}
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = args[1],
    ["Database:ConnectionString"] = args[2],
}).Build();
await using var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration).BuildServiceProvider();
var none = CancellationToken.None;

if (args[0] == "verify")
{
    AuditVerification? result = null;
    var seconds = 0.0;
    for (var run = 0; run < 2; run++)
    {
        await using var scope = services.CreateAsyncScope();
        var started = Stopwatch.GetTimestamp();
        result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, none);
        seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
    if (result is not { Valid: true })
    {
        Console.Error.WriteLine($"the chain does not verify: {result?.Problem}");
        return 1;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.EventCount} events in {seconds:F2} s, {result.EventCount / seconds:F0} events/s"));
    return 0;
}

const int Batch = 10_000;
var count = int.Parse(args[3], CultureInfo.InvariantCulture);
await using (var scope = services.CreateAsyncScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SecCommsDb>(), none);
    await scope.ServiceProvider.GetRequiredService<PolicyVersions>().ActivateAsync(fileConfigured: false, actor: "system", none);
}
var seeding = Stopwatch.GetTimestamp();
for (var first = 0; first < count; first += Batch)
{
    await using var scope = services.CreateAsyncScope();
    var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
    var last = Math.Min(count, first + Batch);
    await scope.ServiceProvider.GetRequiredService<WriteScope>().RunAsync(async () =>
    {
        for (var i = first; i < last; i++)
        {
            await audit.RecordAsync("seed@example.com", "communication.revised", $"communication:{Guid.CreateVersion7()}",
                new { Revision = 2 + i % 5, ContentHash = Hex(i, 1), PreviousContentHash = Hex(i, 2) }, none);
        }
    }, none);
}
var elapsed = Stopwatch.GetElapsedTime(seeding).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count} events in {elapsed:F1} s, {count / elapsed:F0} events/s"));
return 0;

static string Hex(int i, int salt) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i * 31L + salt)));
