using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Bench.Seeder;
using SecComms.Core;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

// Fills a fresh SQLite database with published security releases for the public-pages benchmark: the migrated schema,
// the default policy in force, and each advisory as publication leaves it (published at its frozen revision, with its
// content hash) written through the EF model, its creation and publication recorded on the audit chain in the same
// transaction. Batches of 500 keep 5,000 advisories to seconds.
// Usage: seeder <database file> [count]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: seeder <database file> [count]");
    return 2;
}
const int Batch = 500;
var count = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = DatabaseOptions.Sqlite,
    ["Database:ConnectionString"] = $"Data Source={Path.GetFullPath(args[0])}",
}).Build();
var clock = new SeedingClock(new DateTimeOffset(2023, 1, 2, 9, 0, 0, TimeSpan.Zero));
await using var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration).AddSingleton<TimeProvider>(clock).BuildServiceProvider();
var none = CancellationToken.None;

Guid author;
await using (var scope = services.CreateAsyncScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SecCommsDb>(), none);
    await scope.ServiceProvider.GetRequiredService<PolicyVersions>().ActivateAsync(fileConfigured: false, actor: "system", none);
    author = (await scope.ServiceProvider.GetRequiredService<UserDirectory>()
        .AddAsync(new NewUser("author@example.com", "Release Author", ["security"], UserRole.Member, null), new TeamGrantor.InstallationOperator("seeder", "The benchmark seeder"), none)).Id;
}

for (var first = 1; first <= count; first += Batch)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<SecCommsDb>();
    var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
    var policyHash = scope.ServiceProvider.GetRequiredService<SecCommsPolicy>().Hash;
    var last = Math.Min(count, first + Batch - 1);
    await scope.ServiceProvider.GetRequiredService<WriteScope>().RunAsync(async () =>
    {
        var number = await db.Communications.MaxAsync(c => (int?)c.Number, none) ?? 0;
        for (var i = first; i <= last; i++)
        {
            number++;
            clock.Advance(TimeSpan.FromHours(5));
            var content = CommunicationContent.Normalize(AdvisoryText.Title(i), AdvisoryText.Body(i), AdvisoryText.Title(i), AdvisoryText.ShortText(i),
                AdvisoryText.ShortText(i));
            var hash = content.Hash();
            var created = clock.GetUtcNow().AddHours(-4);
            var communication = new Communication
            {
                Number = number,
                Category = "security-release",
                Title = content.Title,
                CreatedById = author,
                CreatedAt = created,
                UpdatedAt = clock.GetUtcNow(),
                CurrentRevision = 1,
                CurrentContentHash = hash,
            };
            var submitted = communication.Submit(hash, created.AddHours(1));
            communication.Settle(allApproved: true);
            var published = communication.Publish(new GatePassage([], null), [], clock.GetUtcNow());
            db.Communications.Add(communication);
            db.Revisions.Add(new Revision
            {
                CommunicationId = communication.Id,
                Number = 1,
                Title = content.Title,
                Body = content.Body,
                EmailSubject = content.EmailSubject,
                EmailBody = content.EmailBody,
                ShortText = content.ShortText,
                ContentHash = hash,
                AuthorId = author,
                CreatedAt = created,
            });
            var entity = $"communication:{communication.Id}";
            await audit.RecordAsync("author@example.com", "communication.created", entity,
                new { communication.Reference, communication.Category, Revision = 1, ContentHash = hash }, none);
            await audit.RecordAsync("author@example.com", communication, submitted, policyHash, none);
            await audit.RecordAsync("author@example.com", communication, published, policyHash, none);
        }
    }, none);
    Console.WriteLine($"seeded {last} of {count}");
}
Console.WriteLine($"seeded {count} published advisories, SC-1 to SC-{count}");
return 0;
