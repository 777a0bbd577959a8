using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;

namespace SecComms.Web.Tests.Distribution;

/// <remarks>
/// Nothing here connects anywhere but loopback: the other internal addresses are refused when a webhook is saved, before
/// any connection, and no communication is published while they are stored.
/// </remarks>
public sealed class WebhookDestinationTests
{
    private static readonly (string Url, string Problem)[] InternalSpellings =
    [
        ("http://127.0.0.1/hook", "127.0.0.1, a loopback address"),
        ("http://2130706433/hook", "127.0.0.1, a loopback address"),
        ("http://0177.0.0.1/hook", "127.0.0.1, a loopback address"),
        ("http://0x7f.1/hook", "127.0.0.1, a loopback address"),
        ("http://0x7f000001/hook", "127.0.0.1, a loopback address"),
        ("http://127.1/hook", "127.0.0.1, a loopback address"),
        ("http://127.0.0.1./hook", "127.0.0.1, a loopback address"),
        ("http://127。0。0。1/hook", "127.0.0.1, a loopback address"),
        ("http://[::1]/hook", "::1, a loopback address"),
        ("http://[0:0:0:0:0:0:0:1]:8080/hook", "::1, a loopback address"),
        ("http://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1, a loopback address"),
        ("http://[::ffff:7f00:1]/hook", "::ffff:127.0.0.1, a loopback address"),
        ("http://[::127.0.0.1]/hook", "::127.0.0.1, a loopback address"),
        ("http://[2002:7f00:1::]/hook", "2002:7f00:1::, a loopback address"),
        ("http://localhost/hook", "this machine (localhost)"),
        ("http://LOCALHOST.:8080/hook", "this machine (localhost)"),
        ("http://api.localhost/hook", "this machine (api.localhost)"),
        ("http://0.0.0.0/hook", "0.0.0.0, an unspecified address"),
        ("http://0/hook", "0.0.0.0, an unspecified address"),
        ("http://[::]/hook", "::, an unspecified address"),
        ("http://10.0.0.1/hook", "10.0.0.1, a private address"),
        ("http://172.16.5.4/hook", "172.16.5.4, a private address"),
        ("http://192.168.1.1/hook", "192.168.1.1, a private address"),
        ("http://[::ffff:10.0.0.1]/hook", "::ffff:10.0.0.1, a private address"),
        ("http://100.64.0.1/hook", "100.64.0.1, a carrier-grade NAT address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
        ("http://[64:ff9b::a9fe:a9fe]/hook", "64:ff9b::a9fe:a9fe, a link-local address"),
        ("http://[fe80::1]/hook", "fe80::1, a link-local address"),
        ("http://[fd12:3456::1]/hook", "fd12:3456::1, a unique-local address"),
        ("http://224.0.0.1/hook", "224.0.0.1, a multicast address"),
        ("http://[ff02::1]/hook", "ff02::1, a multicast address"),
        ("http://255.255.255.255/hook", "255.255.255.255, a reserved or broadcast address"),
    ];

    [Fact]
    public async Task Every_spelling_of_an_internal_address_is_refused_when_a_webhook_is_saved_and_nothing_is_stored()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var kept = await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Status page", url = "https://status.example.com/hook" }))
            .JsonAsync(HttpStatusCode.Created);
        var keptId = kept.GetProperty("id").GetString();

        foreach (var (url, problem) in InternalSpellings)
        {
            var created = await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Inside", url })).AssertProblemAsync(HttpStatusCode.BadRequest);
            var updated = await (await sam.Client.PutAsJsonAsync($"/api/v1/webhooks/{keptId}", new { name = "Inside", url })).AssertProblemAsync(HttpStatusCode.BadRequest);

            var verb = problem.StartsWith("this machine", StringComparison.Ordinal) ? "names" : "leads to";
            var expected = $"url {verb} {problem}, which webhooks may not reach unless Webhooks:AllowedInternalHosts allows it.";
            Assert.Equal((url, expected), (url, created.GetProperty("errors").GetProperty("url")[0].GetString()));
            Assert.Equal((url, expected), (url, updated.GetProperty("errors").GetProperty("url")[0].GetString()));
        }

        var stored = Assert.Single((await (await sam.Client.GetAsync("/api/v1/webhooks")).JsonAsync()).EnumerateArray());
        Assert.Equal(("Status page", "https://status.example.com/hook"), (stored.GetProperty("name").GetString(), stored.GetProperty("url").GetString()));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action.StartsWith("webhook.")));
    }

    [Fact]
    public async Task An_administrator_allows_internal_hosts_by_name_address_or_range()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?>
        {
            ["Webhooks:AllowedInternalHosts:0"] = "10.20.0.0/16",
            ["Webhooks:AllowedInternalHosts:1"] = "fd00::7",
            ["Webhooks:AllowedInternalHosts:2"] = "Localhost.",
        });
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);

        foreach (var url in new[] { "http://10.20.3.4:8443/hook", "http://[::ffff:10.20.0.9]/hook", "http://[fd00::7]/hook", "http://localhost:9000/hook" })
        {
            await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Inside", url })).JsonAsync(HttpStatusCode.Created);
        }
        foreach (var url in new[] { "http://10.21.0.1/hook", "http://[fd00::8]/hook", "http://127.0.0.1/hook", "http://api.localhost/hook" })
        {
            await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Inside", url })).AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        Assert.Equal(4, (await (await sam.Client.GetAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("10.0.0.0/40")]
    public async Task An_allowed_host_that_is_no_host_name_address_or_range_stops_the_start(string entry)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Webhooks:AllowedInternalHosts:0"] = entry }));

        Assert.Contains($"Webhooks:AllowedInternalHosts has '{entry}', which is not a host name, an address or a CIDR range such as 10.20.0.0/16.",
            refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_switched_off_webhook_whose_address_is_no_longer_allowed_can_still_be_switched_off_but_not_on()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await WebhookStory.StoreAsync(app, "Old intranet hook", "http://10.1.2.3/hook");

        var off = await (await sam.Client.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "Old intranet hook", url = "http://10.1.2.3/hook", active = false }))
            .JsonAsync();
        var on = await (await sam.Client.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "Old intranet hook", url = "http://10.1.2.3/hook", active = true }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(off.GetProperty("active").GetBoolean());
        Assert.Contains("10.1.2.3, a private address", on.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.False((await (await sam.Client.GetAsync("/api/v1/webhooks")).JsonAsync())[0].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_when_sending_and_nothing_is_connected_to()
    {
        await using var listener = new ConnectionCounter();
        await using var app = await SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Webhooks:AllowedInternalHosts:0"] = "10.20.0.0/16" });
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await WebhookStory.StoreAsync(app, "Saved before the rule", $"http://localhost:{listener.Port}/hook", "media-engagement");
        await WebhookStory.PublishConfidentialAsync(app, "canary");

        var sent = await app.SendWebhooksAsync();

        Assert.Equal((0, 0, 1), (sent.Sent, sent.Deferred, sent.Failed));
        Assert.Equal(0, listener.Accepted);
        var delivery = (await (await sam.Client.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync())[0];
        Assert.Equal(("failed", 1, "refused-destination"),
            (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("failure").GetString()));
    }
}
