using System.Net;
using System.Net.Sockets;
using SecComms.Testing;

namespace SecComms.Web.Tests.Distribution;

public sealed class RelayFaultTests
{
    private static string Contacts(params string[] names) =>
        DistributionApi.Header + "\n" + string.Concat(names.Select(n => $"{n}@acme.example,{n},Acme,security-contact,enterprise,saas,,eu,no\n"));

    private static async Task<(TestUser Sam, string Id)> ApprovedToEveryoneAsync(SecCommsApp app, params string[] names)
    {
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        await (await DistributionApi.ImportAsync(sam.Client, Contacts(names))).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "everyone", name = "Every contact", mandatory = true })).JsonAsync(HttpStatusCode.Created);
        return (sam, await DistributionApi.ApprovedNoticeAsync(sam, ann, segment: "everyone"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Temporary_refusals_and_dropped_connections_defer_a_550_fails_and_each_recipient_gets_the_message_once(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, DistributionApi.SmtpSettings(smtp.Port));
        var (sam, id) = await ApprovedToEveryoneAsync(app, "ada", "bob", "cy", "dee", "eve", "gone");
        var dispatchId = await DistributionApi.PublishAsync(sam.Client, id);
        smtp.Reject("gone@acme.example");
        smtp.RefuseNext(1);
        smtp.DropNext(1);
        smtp.CloseNext(1);

        var first = await app.SendAsync();

        Assert.Equal((2, 3, 1), (first.Sent, first.Deferred, first.Failed));
        var deferred = (await (await sam.Client.GetAsync($"/api/v1/dispatches/{dispatchId}/deliveries?status=deferred")).JsonAsync()).GetProperty("items")
            .EnumerateArray().Select(d => d.GetProperty("lastError").GetString() ?? "").ToList();
        Assert.Contains(deferred, e => e.Contains(": 451 ", StringComparison.Ordinal));
        Assert.Contains(deferred, e => e.Contains(": 421 ", StringComparison.Ordinal));
        Assert.Contains(deferred, e => e.StartsWith("The connection to 127.0.0.1 failed while sending", StringComparison.Ordinal));
        var view = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(3, view.GetProperty("counts").GetProperty("deferred").GetInt32());
        Assert.Equal(1, view.GetProperty("counts").GetProperty("failed").GetInt32());
        var retryAt = view.GetProperty("nextAttemptAt").GetDateTimeOffset() - app.Time.GetUtcNow();
        Assert.InRange(retryAt, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        var failed = (await (await sam.Client.GetAsync($"/api/v1/dispatches/{dispatchId}/deliveries?status=failed")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("gone@acme.example", failed.GetProperty("email").GetString());
        Assert.Contains("550", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await app.SendAsync()).Attempted);

        app.Time.Advance(TimeSpan.FromSeconds(31));
        var second = await app.SendAsync();

        Assert.Equal(3, second.Sent);
        var done = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(5, done.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
        var received = smtp.Received.Select(m => m.To.Single()).ToList();
        Assert.Equal(["ada@acme.example", "bob@acme.example", "cy@acme.example", "dee@acme.example", "eve@acme.example"], received.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_relay_that_is_down_defers_the_whole_dispatch_visibly_and_it_goes_out_when_the_relay_is_back(string provider)
    {
        var port = FreePort();
        await using var app = await SecCommsApp.StartAsync(provider, DistributionApi.SmtpSettings(port));
        var (sam, id) = await ApprovedToEveryoneAsync(app, "ada", "bob", "cy");
        var dispatchId = await DistributionApi.PublishAsync(sam.Client, id);

        var down = await app.SendAsync();

        Assert.Equal((0, 3), (down.Sent, down.Deferred));
        var view = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(0, view.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(3, view.GetProperty("counts").GetProperty("deferred").GetInt32());
        Assert.StartsWith($"Cannot send through 127.0.0.1:{port}", view.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        await using var smtp = await TestSmtpServer.StartAsync(port);
        app.Time.Advance(TimeSpan.FromSeconds(31));
        var back = await app.SendAsync();

        Assert.Equal(3, back.Sent);
        Assert.Equal(3, smtp.Received.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reply_slower_than_the_timeout_is_tried_again_with_the_same_message_id(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = DistributionApi.SmtpSettings(smtp.Port);
        settings["Mail:Timeout"] = "00:00:01";
        await using var app = await SecCommsApp.StartAsync(provider, settings);
        var (sam, id) = await ApprovedToEveryoneAsync(app, "ada");
        var dispatchId = await DistributionApi.PublishAsync(sam.Client, id);
        smtp.Delay = TimeSpan.FromSeconds(3);

        var slow = await app.SendAsync();

        Assert.Equal(1, slow.Deferred);
        smtp.Delay = TimeSpan.Zero;
        app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, (await app.SendAsync()).Sent);
        await WaitForAsync(() => smtp.Received.Count == 2);
        Assert.Single(smtp.Received.Select(m => m.Message.MessageId).Distinct());
        Assert.Equal(1, (await DistributionApi.DispatchAsync(sam.Client, dispatchId)).GetProperty("counts").GetProperty("sent").GetInt32());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition());
    }
}
