using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Testing;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed class DispatchPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_gets_its_email_audience_a_test_send_and_a_delivery_report_that_follows_the_sending(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var eve = await PageSession.AddAndSignInAsync(app, "eve@example.com", ["security"]);
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["legal"]);
        await AudienceSetup.OrganizationAsync(alice.Client, "Acme");
        await AudienceSetup.OrganizationAsync(alice.Client, "Globex");
        await AudienceSetup.ContactAsync(alice.Client, "ann@acme.example", "Acme");
        await AudienceSetup.ContactAsync(alice.Client, "bob@acme.example", "Acme");
        await AudienceSetup.ContactAsync(alice.Client, "gil@globex.example", "Globex");
        await AudienceSetup.SegmentAsync(alice.Client, "enterprise", tiers: ["enterprise"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, approver, "customer-security-notice");
        var location = $"/communications/{id}";

        var panel = WebUtility.HtmlDecode(await eve.GetHtmlAsync(location));
        Assert.Contains("No audience is chosen: publication sends no email.", panel, StringComparison.Ordinal);
        Assert.Contains("<option value=\"segment:enterprise\">Segment: Segment enterprise (3 now)</option>", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"affected-customers\"", panel, StringComparison.Ordinal);

        var unknown = await eve.SubmitAsync(location, new() { ["Audience"] = "segment:nobody" }, action: location + "?handler=Audience");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("No segment has the key 'nobody'.", await PageSession.TextAsync(unknown), StringComparison.Ordinal);
        var unchanged = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}/audience");
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("segment").ValueKind);

        var chosen = await eve.SubmitAsync(location, new() { ["Audience"] = "segment:enterprise", ["RequireAcknowledgement"] = "true" },
            action: location + "?handler=Audience");

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var withAudience = WebUtility.HtmlDecode(await eve.GetHtmlAsync(location));
        Assert.Contains("Email audience saved: segment enterprise (Segment enterprise), 3 recipients now.", withAudience, StringComparison.Ordinal);
        Assert.Contains("<dd data-recipients=\"3\">3 contacts at 2 organizations</dd>", withAudience, StringComparison.Ordinal);
        Assert.Contains("<option value=\"segment:enterprise\" selected=\"selected\">", withAudience, StringComparison.Ordinal);
        Assert.Contains("Required: each message asks the recipient to confirm receipt", withAudience, StringComparison.Ordinal);

        var test = await eve.SubmitAsync(location, new(), action: location + "?handler=TestSend");

        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var testReport = WebUtility.HtmlDecode(await eve.GetHtmlAsync(test.Headers.Location!.OriginalString));
        Assert.Contains("Test queued for 3 people: the approvers and you.", testReport, StringComparison.Ordinal);
        Assert.Contains("<h1>Test send of SC-1</h1>", testReport, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"queued\">3</dd>", testReport, StringComparison.Ordinal);

        await DisclosureApi.ShipFixAsync(alice.Client, id);
        // The audience and the release are part of what the approval covers: the approver approves them again.
        var shipped = await (await approver.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", shipped.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        var published = WebUtility.HtmlDecode(await eve.GetHtmlAsync(location));
        Assert.DoesNotContain("Save audience", published, StringComparison.Ordinal);
        Assert.DoesNotContain("Send test to approvers", published, StringComparison.Ordinal);
        var dispatches = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}/dispatches");
        var dispatchId = dispatches.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "publication").GetProperty("id").GetString();
        var report = $"/dispatches/{dispatchId}";
        Assert.Contains($"<a href=\"{report}\">Delivery report", published, StringComparison.Ordinal);

        var sending = WebUtility.HtmlDecode(await eve.GetHtmlAsync(report));
        Assert.Contains("<h1>Publication of SC-1</h1>", sending, StringComparison.Ordinal);
        Assert.Contains("data-complete=\"false\"", sending, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"queued\">3</dd>", sending, StringComparison.Ordinal);
        Assert.Contains("Not yet: 2 organizations of 2 not reached.", sending, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"unreached\">\n                                <th scope=\"row\">Acme</th>", sending.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None);
        }
        var progress = await eve.Client.GetFromJsonAsync<JsonElement>($"{report}?handler=Progress");

        Assert.True(progress.GetProperty("complete").GetBoolean());
        Assert.Equal(100, progress.GetProperty("percent").GetInt32());
        Assert.Equal(3, progress.GetProperty("counts").GetProperty("sent").GetInt32());
        var sent = WebUtility.HtmlDecode(await eve.GetHtmlAsync(report));
        Assert.Contains("data-complete=\"true\"", sent, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"sent\">3</dd>", sent, StringComparison.Ordinal);
        Assert.Contains("Yes: at least one contact at each of the 2 organizations was sent it.", sent, StringComparison.Ordinal);
        Assert.Contains("Every organization was reached.", WebUtility.HtmlDecode(await eve.GetHtmlAsync($"{report}?unreached=true")), StringComparison.Ordinal);

        var csv = await eve.Client.GetAsync($"{report}?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = (await csv.Content.ReadAsStringAsync()).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name,organization,status,attempts,sent_at,acknowledged_at,last_error", rows[0]);
        Assert.Equal(["ann@acme.example", "bob@acme.example", "gil@globex.example"], rows[1..].Select(r => r.Split(',')[0]).Order());
        Assert.All(rows[1..], r => Assert.Contains(",sent,1,", r, StringComparison.Ordinal));

        var outsider = WebUtility.HtmlDecode(await lee.GetHtmlAsync(report));
        Assert.Contains("<dd data-count=\"sent\">3</dd>", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Export recipients", outsider, StringComparison.Ordinal);
        await lee.GetHtmlAsync($"{report}?handler=Csv", HttpStatusCode.Forbidden);
        await lee.GetHtmlAsync($"/dispatches/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_test_send_reports_the_colleagues_it_went_to_and_says_nothing_about_organizations(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var eve = await PageSession.AddAndSignInAsync(app, "eve@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, approver, "customer-security-notice");
        var location = $"/communications/{id}";
        var test = await eve.SubmitAsync(location, new(), action: location + "?handler=TestSend");
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var report = test.Headers.Location!.OriginalString;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None);
        }

        var page = WebUtility.HtmlDecode(await eve.GetHtmlAsync(report)).ReplaceLineEndings("\n");

        Assert.Contains("<div><dt>Recipients</dt><dd>3</dd></div>", page, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"sent\">3</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"test-recipients-heading\">Who the test went to</h2>", page, StringComparison.Ordinal);
        var listed = System.Text.RegularExpressions.Regex.Matches(page, "<th scope=\"row\">([^<]+)</th>\n\\s*<td>Sent</td>").Select(m => m.Groups[1].Value);
        Assert.Equal(["alice@example.com", "eve@example.com", "sam@example.com"], listed);
        Assert.DoesNotContain("organization", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no recipients", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Export recipients", page, StringComparison.Ordinal);
    }
}
