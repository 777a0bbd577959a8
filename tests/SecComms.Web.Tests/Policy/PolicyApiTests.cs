using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;

namespace SecComms.Web.Tests.Policy;

public sealed class PolicyApiTests
{
    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_effective_policy_shows_the_approval_matrix_and_is_recorded_as_version_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sue = await app.AddUserAsync("sue@example.com", ["support"]);

        var policy = await (await sue.Client.GetAsync("/api/v1/policy")).JsonAsync();

        var blog = policy.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "security-blog-post");
        Assert.Equal(["security", "corporate-marketing"], blog.GetProperty("approvals").EnumerateArray().Select(s => s.GetProperty("team").GetString()));
        Assert.Equal("5d", blog.GetProperty("normalDeadline").GetString());
        var versions = await (await sue.Client.GetAsync("/api/v1/policy/versions")).JsonAsync();
        var first = Assert.Single(versions.EnumerateArray());
        Assert.Equal(policy.GetProperty("hash").GetString(), first.GetProperty("hash").GetString());
        Assert.Equal(PolicyLoader.DefaultYaml(), await (await sue.Client.GetAsync("/api/v1/policy/yaml")).Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_effective_policy_says_what_a_security_release_generates_and_in_which_categories(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sue = await app.AddUserAsync("sue@example.com", ["support"]);

        var releases = (await (await sue.Client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("releases");

        Assert.Equal(3, releases.GetProperty("supportedMinorLines").GetInt32());
        Assert.Equal(30, releases.GetProperty("discloseAfterDays").GetInt32());
        Assert.Equal(["security", "appsec"], releases.GetProperty("vulnerabilityTeams").EnumerateArray().Select(t => t.GetString()));
        var parts = releases.GetProperty("parts").EnumerateArray().ToDictionary(
            p => p.GetProperty("part").GetString()!,
            p => p.GetProperty("categories").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()}: {c.GetProperty("category").GetString()} " +
                $"{c.GetProperty("inPolicy").GetBoolean()} {string.Join(',', c.GetProperty("channels").EnumerateArray().Select(x => x.GetString()))}").ToList());
        Assert.Equal(["planned: security-release True web", "critical: critical-security-release True web", "emergency: critical-security-release True web"],
            parts["blog-post"]);
        Assert.Equal(parts["blog-post"], parts["advisory"]);
        Assert.Equal(["planned: security-release-email True email", "critical: critical-security-release-email True email",
            "emergency: critical-security-release-email True email"], parts["customer-email"]);
        Assert.Contains("{{ release.versions_text }}", releases.GetProperty("templates").GetProperty("blogPost").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_invalid_policy_is_refused_line_by_line_and_the_old_one_stays(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var before = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        var events = await CountEventsAsync(app);
        var broken = PolicyLoader.DefaultYaml().Replace("    owner: corporate-marketing\n", "    owner: marketing\n", StringComparison.Ordinal);

        var refused = await (await admin.Client.PutAsync("/api/v1/policy", Yaml(broken))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = refused.GetProperty("errors").GetProperty("policy").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Matches("^policy, line [0-9]+: category '(media-engagement|contributed-article)': 'marketing' is not one of the teams", e));
        var after = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        Assert.Equal(before.GetProperty("hash").GetString(), after.GetProperty("hash").GetString());
        Assert.Equal(events, await CountEventsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_replaces_the_policy_and_it_stays_in_force_after_a_restart(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var changed = PolicyLoader.DefaultYaml().Replace("max-period-days: 90", "max-period-days: 30", StringComparison.Ordinal);

        await (await alice.Client.PutAsync("/api/v1/policy", Yaml(changed))).AssertProblemAsync(HttpStatusCode.Forbidden);
        var replaced = await (await admin.Client.PutAsync("/api/v1/policy", Yaml(changed))).JsonAsync();

        Assert.Equal(30, replaced.GetProperty("exceptions").GetProperty("maxPeriodDays").GetInt32());
        Assert.Equal(PolicyLoader.Hash(changed), replaced.GetProperty("hash").GetString());
        Assert.Equal(changed, await (await alice.Client.GetAsync("/api/v1/policy/yaml")).Content.ReadAsStringAsync());
        var audit = await (await alice.Client.GetAsync("/api/v1/audit?action=policy.activated")).JsonAsync();
        Assert.Equal(["policy:1", "policy:2"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entity").GetString()));
        Assert.Equal("root@example.com", audit.GetProperty("items")[1].GetProperty("actor").GetString());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = app.Database.Options.Provider,
            ["Database:ConnectionString"] = app.Database.Options.ConnectionString,
        }).Build();
        await using var restarted = new ServiceCollection().AddSecCommsCore(configuration).BuildServiceProvider();
        await using var scope = restarted.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PolicyVersions>().ActivateAsync(fileConfigured: false, "system", CancellationToken.None);
        Assert.Equal(30, restarted.GetRequiredService<PolicyStore>().Current.Exceptions.MaxPeriodDays);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_policy_with_a_runaway_template_is_refused_and_the_old_one_stays(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var before = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        var yaml = PolicyLoader.DefaultYaml();
        const string firstBody = "    template:\n      body: |\n";
        Assert.StartsWith("  customer-security-notice:", yaml[yaml.IndexOf("categories:\n", StringComparison.Ordinal)..].Split('\n')[1], StringComparison.Ordinal);
        var runaway = ReplaceFirst(yaml, firstBody, firstBody + "        {% for i in (1..100000000) %}x{% endfor %}\n");

        var refused = await (await admin.Client.PutAsync("/api/v1/policy", Yaml(runaway))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(refused.GetProperty("errors").GetProperty("policy").EnumerateArray()).GetString();
        Assert.Matches("^policy, line [0-9]+: category 'customer-security-notice': template body exceeds the template limits", error);
        var after = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        Assert.Equal(before.GetProperty("hash").GetString(), after.GetProperty("hash").GetString());
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    private static async Task<int> CountEventsAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        return db.AuditEvents.Count();
    }
}
