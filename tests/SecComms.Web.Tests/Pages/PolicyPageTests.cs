using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed partial class PolicyPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_policy_page_shows_each_category_as_people_read_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var bob = await PageSession.AddAndSignInAsync(app, "bob@example.com", ["support"]);

        var html = Squeeze(WebUtility.HtmlDecode(await bob.GetHtmlAsync("/policy")));

        var post = Category(html, "security-blog-post");
        Assert.Contains("<dt>Owner team</dt><dd>Security</dd>", post, StringComparison.Ordinal);
        Assert.Contains("<dt>Channels</dt><dd>Web, Social</dd>", post, StringComparison.Ordinal);
        Assert.Contains("<dt>Deadlines</dt><dd>5 days for each stage; 8 hours in an emergency</dd>", post, StringComparison.Ordinal);
        Assert.Contains("<li> <strong>Security</strong> : the security content is accurate and may be disclosed </li> <li> <strong>Corporate Marketing</strong> : final editorial review </li>", post, StringComparison.Ordinal);
        Assert.Contains("Whichever its linked release, incident or embargo call for", post, StringComparison.Ordinal);
        var incident = Category(html, "incident-response");
        Assert.Contains("Confidential by default", incident, StringComparison.Ordinal);
        Assert.Contains("Backup when the emergency or incident deadline passes, or when no one in the team may approve: Application Security.", incident, StringComparison.Ordinal);
        Assert.Contains("<strong>Customer Success</strong> : the affected customers' account teams are ready <span class=\"badge\">Only when customers are affected</span>", incident, StringComparison.Ordinal);
        Assert.Contains("<strong>Legal</strong> : legal, contractual and regulatory obligations", incident, StringComparison.Ordinal);
        Assert.Contains("<dt>Held back until</dt><dd>Incident contained</dd>", incident, StringComparison.Ordinal);
        var release = Category(html, "security-release");
        Assert.Contains("<dt>Told (FYI)</dt><dd>Support, Customer Success</dd>", release, StringComparison.Ordinal);
        Assert.Contains("<dt>Consulted</dt><dd>None</dd>", release, StringComparison.Ordinal);
        Assert.DoesNotContain("Edit the policy", html, StringComparison.Ordinal);
        Assert.Contains("1, put in force by system", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_policy_with_two_problems_shows_both_at_their_lines_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin, PageSession.Password);
        var ada = await PageSession.SignInAsync(app, "ada@example.com");
        var yaml = await admin.Client.GetStringAsync("/api/v1/policy/yaml");
        var lines = yaml.Split('\n');
        var owner = Array.IndexOf(lines, "    owner: corporate-marketing") + 1;
        var deadline = Array.IndexOf(lines, "    deadlines: { normal: 5d, emergency: 8h }") + 1;
        lines[owner - 1] = "    owner: marketing";
        lines[deadline - 1] = "    deadlines: { normal: 5d, emergency: soon }";
        var broken = string.Join('\n', lines);
        var before = await StateAsync(admin.Client);

        var response = await ada.SubmitAsync("/policy/edit", new() { ["Yaml"] = broken.ReplaceLineEndings("\r\n") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Squeeze(await PageSession.TextAsync(response));
        Assert.Contains("Nothing was changed: the policy has 2 problems", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#line-{deadline}\">Line {deadline}</a>: category 'security-blog-post': deadline 'soon' must be a duration", html, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"#line-{owner}\">Line {owner}</a>: category '[a-z-]+': 'marketing' is not one of the teams", html);
        Assert.Matches($"id=\"line-{owner}\" data-line=\"{owner}\"> <span class=\"line-number\"><span class=\"visually-hidden\">Line </span>{owner}</span> " +
            "<code class=\"line-text\"> owner: marketing</code> <span class=\"line-problem\">category '[a-z-]+': 'marketing' is not one of the teams", html);
        Assert.Matches($"id=\"line-{deadline}\" data-line=\"{deadline}\">.*?<code class=\"line-text\"> deadlines: \\{{ normal: 5d, emergency: soon \\}}</code> <span class=\"line-problem\">", html);
        Assert.Contains("emergency: soon", html, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(admin.Client));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_good_edit_becomes_the_policy_in_force_as_a_new_version_with_its_diff(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("ada@example.com", ["legal"], UserRole.Admin, PageSession.Password);
        var ada = await PageSession.SignInAsync(app, "ada@example.com");
        var yaml = await admin.Client.GetStringAsync("/api/v1/policy/yaml");
        var edited = yaml.Replace("name: Default external security communications policy", "name: Acme security communications policy", StringComparison.Ordinal)
            .Replace("        purpose: final editorial review", "        purpose: brand and tone review", StringComparison.Ordinal);

        var response = await ada.SubmitAsync("/policy/edit", new() { ["Yaml"] = edited.ReplaceLineEndings("\r\n") });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/policy/diff?from=1&to=2", response.Headers.Location?.OriginalString);
        var policy = await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync();
        Assert.Equal("Acme security communications policy", policy.GetProperty("name").GetString());
        Assert.Equal(edited, await admin.Client.GetStringAsync("/api/v1/policy/yaml"));
        var versions = (await (await admin.Client.GetAsync("/api/v1/policy/versions")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("page:ada@example.com", versions[0].GetProperty("source").GetString());
        Assert.Equal("ada@example.com", versions[0].GetProperty("activatedBy").GetString());
        Assert.Equal(policy.GetProperty("hash").GetString(), versions[0].GetProperty("hash").GetString());
        var audited = await app.AddUserAsync("sam@example.com", ["security"]);
        var activated = (await (await audited.Client.GetAsync("/api/v1/audit?action=policy.activated")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["system", "ada@example.com"], activated.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal("policy:2", activated[1].GetProperty("entity").GetString());

        var diff = Squeeze(WebUtility.HtmlDecode(await ada.GetHtmlAsync("/policy/diff?from=1&to=2")));
        Assert.Contains("Version 2 is the policy in force.", diff, StringComparison.Ordinal);
        Assert.Contains("<h1>Changes from policy version 1 to 2</h1>", diff, StringComparison.Ordinal);
        Assert.Contains("<del>name: Default external security communications policy</del>", diff, StringComparison.Ordinal);
        Assert.Contains("<ins>name: Acme security communications policy</ins>", diff, StringComparison.Ordinal);
        Assert.Contains("<del> purpose: final editorial review</del>", diff, StringComparison.Ordinal);
        Assert.Contains("<ins> purpose: brand and tone review</ins>", diff, StringComparison.Ordinal);
        Assert.Equal(4, DiffChanges().Count(diff));
        Assert.Matches("\\d+ unchanged lines", diff);

        var list = Squeeze(WebUtility.HtmlDecode(await ada.GetHtmlAsync("/policy/versions")));
        Assert.Matches("<tr data-version=\"2\"> <td class=\"numeric\">2 <span class=\"badge in-force\">In force</span> </td>.*?<td>ada@example.com</td> <td>On the policy page</td>", list);
        Assert.Contains("<a href=\"/policy/diff?from=1&to=2\">Changes in version 2</a>", list, StringComparison.Ordinal);
        Assert.Contains("brand and tone review", WebUtility.HtmlDecode(await ada.GetHtmlAsync("/policy")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Someone_who_is_not_an_administrator_cannot_change_the_policy_on_the_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"], password: PageSession.Password);
        var session = await PageSession.SignInAsync(app, "sam@example.com");
        var yaml = await sam.Client.GetStringAsync("/api/v1/policy/yaml");
        var before = await StateAsync(sam.Client);

        var form = WebUtility.HtmlDecode(await session.GetHtmlAsync("/policy/edit", HttpStatusCode.Forbidden));
        var token = await session.AntiforgeryTokenAsync("/policy");
        var posted = await session.Client.PostAsync("/policy/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Yaml"] = yaml.Replace("name: Default", "name: Hijacked", StringComparison.Ordinal),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Contains("Only administrators change the policy. Nothing was changed.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<textarea", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Only administrators change the policy.", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(sam.Client));
        Assert.DoesNotContain("Edit the policy", await session.GetHtmlAsync("/policy"), StringComparison.Ordinal);
    }

    /// <summary>The policy in force, its versions and the audit trail's head (read by a member of security): what a change of policy would change.</summary>
    private static async Task<string> StateAsync(HttpClient client) =>
        string.Join("\n", await client.GetStringAsync("/api/v1/policy/yaml"), await client.GetStringAsync("/api/v1/policy/versions"),
            JsonSerializer.Serialize((await (await client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("hash")),
            await client.GetStringAsync("/api/v1/audit/head"));

    private static string Category(string html, string key)
    {
        var start = html.IndexOf($"data-category=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page shows {key}.");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The markup with every run of white space as one space and none between tags.</summary>
    private static string Squeeze(string html) => BetweenTags().Replace(Spaces().Replace(html, " "), "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<=</(?:dt|dd|div)>) (?=<)|(?<=<(?:dt|dd|div)>) (?=<)")]
    private static partial Regex BetweenTags();

    [GeneratedRegex("<li class=\"diff-line diff-(added|removed)\">")]
    private static partial Regex DiffChanges();
}
