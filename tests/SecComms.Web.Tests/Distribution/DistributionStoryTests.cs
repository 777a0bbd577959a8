using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;

namespace SecComms.Web.Tests.Distribution;

public sealed class DistributionStoryTests
{
    private const string Contacts = DistributionApi.Header + "\n" +
        "ada@acme.example,Ada Acme,Acme,security-contact,enterprise,self-managed,16.4.2,eu,yes\n" +
        "bob@acme.example,Bob Acme,Acme,admin,enterprise,self-managed,16.4.2,eu,no\n" +
        "cy@globex.example,\"Cy, of Globex\",Globex,security-contact,enterprise,saas,,us,yes\n" +
        "not-an-address,Dee,Initech,security-contact,standard,saas,,us,yes\n" +
        "eve@initech.example,Eve,Initech,chief,standard,saas,,us,yes\n" +
        "fay@initech.example,Fay,Initech,security-contact,standard,saas,,us,yes\n" +
        "\"gus@initech.example,Gus,Initech\n";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contacts_imported_a_segment_chosen_a_test_sent_and_the_publication_reaches_each_subscriber_once(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, DistributionApi.SmtpSettings(smtp.Port));
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);

        var report = await (await DistributionApi.ImportAsync(sam.Client, Contacts)).JsonAsync();

        Assert.Equal(7, report.GetProperty("rows").GetInt32());
        Assert.Equal(4, report.GetProperty("created").GetInt32());
        Assert.Equal(3, report.GetProperty("skipped").GetInt32());
        Assert.Equal(3, report.GetProperty("organizationsCreated").GetInt32());
        var bad = report.GetProperty("badRows").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt32()}:{r.GetProperty("field").GetString()}").ToList();
        Assert.Equal(["5:email", "6:role", "8:row"], bad);
        Assert.Contains("'chief' is not a role", report.GetProperty("badRows")[1].GetProperty("message").GetString(), StringComparison.Ordinal);

        var segment = await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "enterprise", name = "Enterprise customers", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, segment.GetProperty("recipients").GetInt32());
        var id = await DistributionApi.ApprovedNoticeAsync(sam, ann, segment: "enterprise", acknowledge: true);

        var test = await (await sam.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("test", test.GetProperty("kind").GetString());
        await app.SendAsync();
        var tests = smtp.Received.Select(m => m.Message).ToList();
        Assert.Equal(["ann@example.com", "sam@example.com"], tests.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(tests, m => Assert.Equal("[TEST] Bug bounty update for Acme", m.Subject));
        Assert.All(tests, m => Assert.StartsWith("Hello Ada Acme,", m.TextBody, StringComparison.Ordinal));

        var dispatchId = await DistributionApi.PublishAsync(sam.Client, id);
        var queued = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(2, queued.GetProperty("counts").GetProperty("queued").GetInt32());
        Assert.Equal("segment enterprise (Enterprise customers)", queued.GetProperty("audience").GetString());
        var result = await app.SendAsync();

        Assert.Equal(2, result.Sent);
        var notices = smtp.Received.Select(m => m.Message).Where(m => !m.Subject!.StartsWith("[TEST]", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ada@acme.example", "cy@globex.example"], notices.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var ada = notices.Single(m => m.To.Mailboxes.Single().Address == "ada@acme.example");
        Assert.Equal("Bug bounty update for Acme", ada.Subject);
        Assert.StartsWith("Hello Ada Acme,", ada.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", ada.Headers["List-Unsubscribe-Post"]);
        Assert.Matches($"^{dispatchId.Replace("-", "", StringComparison.Ordinal)}\\.\\d+@example\\.com$", ada.MessageId);
        var unsubscribe = LinkTo("unsubscribe").Match(ada.Headers["List-Unsubscribe"] ?? "").Value;
        Assert.Contains(unsubscribe, ada.TextBody, StringComparison.Ordinal);
        var acknowledge = LinkTo("ack").Match(ada.TextBody ?? "").Value;
        Assert.Equal("Bug bounty update for Globex", notices.Single(m => m.To.Mailboxes.Single().Address == "cy@globex.example").Subject);

        var done = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(2, done.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);

        var anonymous = app.CreateClient();
        var unsubscribed = await anonymous.PostAsync(new Uri(unsubscribe).PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        var confirmed = await anonymous.PostAsync(new Uri(acknowledge).PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Receipt of", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/ack/1.0000", null)).StatusCode);

        var organizations = await (await sam.Client.GetAsync($"/api/v1/dispatches/{dispatchId}/organizations")).JsonAsync();
        Assert.Equal(2, organizations.GetProperty("reached").GetInt32());
        Assert.Equal(1, organizations.GetProperty("acknowledged").GetInt32());
        Assert.Equal(1, (await DistributionApi.DispatchAsync(sam.Client, dispatchId)).GetProperty("counts").GetProperty("acknowledged").GetInt32());
        var csv = await (await sam.Client.GetAsync($"/api/v1/dispatches/{dispatchId}/deliveries.csv")).Content.ReadAsStringAsync();
        Assert.Contains("ada@acme.example,Ada Acme,Acme,sent,1,", csv, StringComparison.Ordinal);

        var again = await (await DistributionApi.ImportAsync(sam.Client, Contacts)).JsonAsync();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(4, again.GetProperty("unchanged").GetInt32());
        var adaNow = (await (await sam.Client.GetAsync("/api/v1/contacts?search=ada@")).JsonAsync()).GetProperty("items")[0];
        Assert.False(adaNow.GetProperty("subscribed").GetBoolean());
        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEvents.Select(e => e.Action).ToListAsync();
        Assert.Contains("dispatch.test-sent", actions);
        Assert.Contains("dispatch.created", actions);
        Assert.Contains("dispatch.completed", actions);
        Assert.Contains("contact.unsubscribed", actions);
        Assert.Contains("delivery.acknowledged", actions);
    }

    private static Regex LinkTo(string path) => new($"https://seccomms\\.example\\.com/{path}/[0-9a-f.]+");
}
