using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Seeding;
using SecComms.Core.Workflow;
using SecComms.Testing;

namespace SecComms.Core.Tests.Communications;

public sealed class WaitingOnPagingTests
{
    [Fact]
    public async Task Waiting_on_me_finds_the_older_communications_behind_a_long_review_backlog_that_waits_on_another_team()
    {
        await using var database = await TestDatabase.CreateMigratedAsync("sqlite");
        await using var services = database.CreateServices();
        var seed = services.GetRequiredService<Seeder>();
        var none = CancellationToken.None;
        var sam = (await seed.PersonAsync("sam@example.com", "Sam", [Actor.SecurityTeam], UserRole.Member, none)).Actor;
        var sasha = (await seed.PersonAsync("sasha@example.com", "Sasha", [Actor.SecurityTeam], UserRole.Member, none)).Actor;
        await seed.BatchAsync(3 + 130, 50, async (scope, i) =>
        {
            var category = i < 3 ? "bug-bounty-update" : "security-blog-post";
            var created = await scope.GetRequiredService<CommunicationService>().CreateAsync(sam,
                new NewCommunication(category, $"{category} {i}", null, null, null), none);
            var workflow = scope.GetRequiredService<WorkflowService>();
            await workflow.AnswerSafeAsync(sam, created.Id, Seeder.NoRisk, none);
            await workflow.SubmitAsync(sam, created.Id, none);
            if (i >= 3)
            {
                var current = await scope.GetRequiredService<CommunicationService>().GetAsync(sasha, created.Id, none);
                await workflow.DecideAsync(sasha, created.Id, new DecisionRequest(null, "approve", current.PackageHash, null), none);
            }
        }, null, none);

        await using var scope = services.CreateAsyncScope();
        var communications = scope.ServiceProvider.GetRequiredService<CommunicationService>();
        var first = await communications.ListAsync(sasha, new CommunicationFilter(Limit: 2, WaitingOnMe: true), none);
        var second = await communications.ListAsync(sasha, new CommunicationFilter(Limit: 2, WaitingOnMe: true, Cursor: first.NextCursor), none);

        Assert.Equal(["bug-bounty-update 2", "bug-bounty-update 1"], first.Items.Select(c => c.Title));
        Assert.NotNull(first.NextCursor);
        Assert.Equal(["bug-bounty-update 0"], second.Items.Select(c => c.Title));
        Assert.Null(second.NextCursor);
        Assert.Empty((await communications.ListAsync(sam, new CommunicationFilter(WaitingOnMe: true), none)).Items);
    }
}
