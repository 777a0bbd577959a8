using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed class DeadlinePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_requirements_panel_shows_the_deadline_and_offers_the_decision_to_backups_once_it_has_passed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("ana@example.com", ["appsec"], password: PageSession.Password);
        var ana = await PageSession.SignInAsync(app, "ana@example.com");
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Critical fix", "critical-security-release")).Id();
        await (await alice.Client.PostAsJsonAsync($"/api/v1/communications/{id}/emergency", new { emergency = true })).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var details = $"/communications/{id}";

        var waiting = WebUtility.HtmlDecode(await ana.GetHtmlAsync(details));

        Assert.Contains("<span class=\"badge badge-emergency\">Emergency mode</span>", waiting, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-02T10:00:00Z\">2026-11-02 10:00 UTC</time>", waiting, StringComparison.Ordinal);
        Assert.Contains("appsec", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("may approve now", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("Decide for security", waiting, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromHours(1));
        var overdue = WebUtility.HtmlDecode(await ana.GetHtmlAsync(details));

        Assert.Contains("<span class=\"badge badge-engaged\">may approve now</span>", overdue, StringComparison.Ordinal);
        Assert.Contains("Decide for security (stage 1)", overdue, StringComparison.Ordinal);
    }
}
