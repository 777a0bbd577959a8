using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Bench.ScaleSeeder;
using SecComms.Core;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Seeding;

// The scale benchmark's data: a large company's ten years, made through Core in batches (see ScaleCompany).
// Usage: scale-seeder seed <sqlite|postgres> <connection string> <scale> <people.json>
//        scale-seeder tokens <sqlite|postgres> <connection string> <email>...   (prints "email token" per line)
if (args.Length < 4 || args[0] is not ("seed" or "tokens") || args[0] == "seed" && args.Length != 5)
{
    Console.Error.WriteLine("usage: scale-seeder seed <sqlite|postgres> <connection string> <scale> <people.json>");
    Console.Error.WriteLine("       scale-seeder tokens <sqlite|postgres> <connection string> <email>...");
    return 2;
}
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = args[1],
    ["Database:ConnectionString"] = args[2],
}).Build();
var none = CancellationToken.None;

if (args[0] == "tokens")
{
    await using var real = new ServiceCollection().AddLogging().AddSecCommsCore(configuration).BuildServiceProvider();
    foreach (var email in args[3..])
    {
        await using var scope = real.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<SecCommsDb>().Users.AsNoTracking().Include(u => u.Teams)
            .SingleAsync(u => u.NormalizedEmail == User.Normalize(email), none);
        var token = await scope.ServiceProvider.GetRequiredService<AccessTokens>().IssueAsync(Actor.From(user), "scale benchmark", 1, null, none);
        Console.WriteLine($"{email} {token.Secret}");
    }
    return 0;
}

var counts = ScaleCounts.Of(double.Parse(args[3], CultureInfo.InvariantCulture));
var end = DateTimeOffset.UtcNow;
var clock = new SeedingClock(end.AddYears(-10), end);
await using var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration).AddSingleton<TimeProvider>(clock).BuildServiceProvider();
await using (var scope = services.CreateAsyncScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SecCommsDb>(), none);
    await scope.ServiceProvider.GetRequiredService<PolicyVersions>().ActivateAsync(fileConfigured: false, actor: "system", none);
}
var stopwatch = Stopwatch.StartNew();
var people = await new ScaleCompany(services.GetRequiredService<Seeder>(), clock, counts, Console.Out).SeedAsync(none);
var seconds = stopwatch.Elapsed.TotalSeconds;
await File.WriteAllTextAsync(args[4], JsonSerializer.Serialize(people.All.Select(p => new { p.Actor.Email, p.Password, p.Actor.Teams })), none);

await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<SecCommsDb>();
    var events = await db.AuditEvents.LongCountAsync(none);
    var (communications, revisions, approvals) = (await db.Communications.CountAsync(none), await db.Revisions.CountAsync(none), await db.Approvals.CountAsync(none));
    var (contacts, organizations) = (await db.Contacts.CountAsync(none), await db.Organizations.CountAsync(none));
    var (incidents, releases, vulnerabilities) = (await db.Incidents.CountAsync(none), await db.SecurityReleases.CountAsync(none), await db.Vulnerabilities.CountAsync(none));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seeded in {seconds:F0} s: {communications} communications ({revisions} revisions, {approvals} approvals), {events} audit events, {contacts} contacts in {organizations} organizations, {incidents} incidents, {releases} releases, {vulnerabilities} vulnerabilities; {events / seconds:F0} audit events/s"));
}
return 0;
