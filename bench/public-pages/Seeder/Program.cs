using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Bench.Seeder;
using SecComms.Core;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;

// Fills a fresh SQLite database with published security releases for the public-pages benchmark, each through the
// product's own services: created, revised, SAFE-checked, reviewed, approved, linked to a published release and published.
// Usage: seeder <database file> [count]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: seeder <database file> [count]");
    return 2;
}
var count = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = DatabaseOptions.Sqlite,
    ["Database:ConnectionString"] = $"Data Source={Path.GetFullPath(args[0])}",
}).Build();
var clock = new SeedingClock(new DateTimeOffset(2023, 1, 2, 9, 0, 0, TimeSpan.Zero));
await using var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration).AddSingleton<TimeProvider>(clock).BuildServiceProvider();
var none = CancellationToken.None;

Actor author, approver;
await using (var scope = services.CreateAsyncScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SecCommsDb>(), none);
    await scope.ServiceProvider.GetRequiredService<PolicyVersions>().ActivateAsync(fileConfigured: false, actor: "system", none);
    var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
    author = Actor.From(await users.AddAsync(new NewUser("author@example.com", "Release Author", ["security"], UserRole.Member, null), "seeder", none));
    approver = Actor.From(await users.AddAsync(new NewUser("approver@example.com", "Release Approver", ["security"], UserRole.Member, null), "seeder", none));
}

Guid release = default;
for (var number = 1; number <= count; number++)
{
    clock.Advance(TimeSpan.FromHours(5));
    await using var scope = services.CreateAsyncScope();
    var provider = scope.ServiceProvider;
    var workflow = provider.GetRequiredService<WorkflowService>();
    if (number % 10 == 1)
    {
        var releases = provider.GetRequiredService<SecurityReleases>();
        release = (await releases.CreateAsync(author, new NewSecurityRelease(AdvisoryText.Version(number), ReleaseKind.Planned, null), none)).Id;
        await releases.PublishAsync(author, release, none);
    }
    var communications = provider.GetRequiredService<CommunicationService>();
    var created = await communications.CreateAsync(author, new NewCommunication("security-release", AdvisoryText.Title(number), null, null, null), none);
    var revised = await communications.ReviseAsync(author, created.Id, 1,
        new ContentInput(null, AdvisoryText.Body(number), null, null, AdvisoryText.ShortText(number)), null, none);
    await workflow.AnswerSafeAsync(author, created.Id, new SafeRequest(false, true, false, false, null), none);
    await workflow.SubmitAsync(author, created.Id, none);
    await workflow.DecideAsync(approver, created.Id, new DecisionRequest(null, "approve", revised.Revision.ContentHash, null), none);
    await provider.GetRequiredService<DisclosureService>().SetLinksAsync(author, created.Id, new LinksRequest(release, null, null), none);
    await workflow.PublishAsync(author, created.Id, null, none);
    if (number % 500 == 0)
    {
        Console.WriteLine($"seeded {number} of {count}");
    }
}
Console.WriteLine($"seeded {count} published advisories, SC-1 to SC-{count}");
return 0;
