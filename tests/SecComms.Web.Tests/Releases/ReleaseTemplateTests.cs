using System.Net;
using System.Text;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;

namespace SecComms.Web.Tests.Releases;

public sealed class ReleaseTemplateTests
{
    private const string AdvisoryBody = "      body: |\n        # {{ title }}\n\n        {{ vulnerability.description }}\n";

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_template_that_fails_to_render_creates_no_communication_at_all(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var yaml = PolicyLoader.DefaultYaml();
        Assert.Contains(AdvisoryBody, yaml, StringComparison.Ordinal);
        await PutPolicyAsync(admin.Client, yaml.Replace(AdvisoryBody, AdvisoryBody + "        {% include 'credits' %}\n", StringComparison.Ordinal), HttpStatusCode.OK);

        var rce = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(alice.Client);
        await (await ReleaseApi.BundleAsync(alice.Client, release, rce)).JsonAsync();
        var before = await Workflow.WorkflowApi.SnapshotAsync(app);
        var refused = await (await ReleaseApi.PrepareAsync(alice.Client, release)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("The release template advisory body failed to render", refused.Detail(), StringComparison.Ordinal);
        Assert.Contains("nothing was created", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await Workflow.WorkflowApi.SnapshotAsync(app));
        var details = await ReleaseApi.DetailsAsync(alice.Client, release);
        Assert.Equal("planned", details.GetProperty("release").GetProperty("status").GetString());
        Assert.Empty(details.GetProperty("communications").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_template_whose_loop_over_the_data_exceeds_the_limits_is_stopped_and_creates_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        const string cubeOfTheDescription =
            "        {% assign n = vulnerability.description | size %}{% for i in (1..n) %}{% for j in (1..n) %}{% for k in (1..n) %}{% endfor %}{% endfor %}{% endfor %}\n";
        await PutPolicyAsync(admin.Client, PolicyLoader.DefaultYaml().Replace(AdvisoryBody, AdvisoryBody + cubeOfTheDescription, StringComparison.Ordinal),
            HttpStatusCode.OK);

        var rce = await ReleaseApi.FixedVulnerabilityAsync(alice.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(alice.Client);
        await (await ReleaseApi.BundleAsync(alice.Client, release, rce)).JsonAsync();
        var before = await Workflow.WorkflowApi.SnapshotAsync(app);
        var refused = await (await ReleaseApi.PrepareAsync(alice.Client, release)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("The release template advisory body was stopped", refused.Detail(), StringComparison.Ordinal);
        Assert.Contains("nothing was created", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await Workflow.WorkflowApi.SnapshotAsync(app));
        Assert.Empty((await ReleaseApi.DetailsAsync(alice.Client, release)).GetProperty("communications").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_template_with_a_syntax_error_is_refused_with_its_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var yaml = PolicyLoader.DefaultYaml();
        var line = yaml[..yaml.IndexOf(AdvisoryBody, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var problem = await PutPolicyAsync(admin.Client, yaml.Replace(AdvisoryBody, AdvisoryBody + "        {% if vulnerability.cve %}\n", StringComparison.Ordinal),
            HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains($"line {line}: releases template 'advisory': body is not valid Liquid", StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.JsonElement> PutPolicyAsync(HttpClient admin, string yaml, HttpStatusCode expected)
    {
        var response = await admin.PutAsync("/api/v1/policy", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        return expected == HttpStatusCode.OK ? await response.JsonAsync() : await response.AssertProblemAsync(expected);
    }
}
