using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Advisories;

/// <summary>
/// Two published releases of two products in two years, a bounty update, and beside them what must never be public:
/// a draft, a confidential notice and a release still held, each with a canary in its title.
/// </summary>
internal sealed partial record PublicSiteWorld(TestUser Alice, TestUser Sam, JsonElement Platform, JsonElement Runner, string Bounty)
{
    public const string PlatformPost = "Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9";
    public const string Rce = "CVE-2026-10001: Remote code execution through project imports";
    public const string Xss = "CVE-2026-10002: Stored XSS in merge request titles";
    public const string RunnerPost = "Acme Runner Security Release: 4.2.1";
    public const string RunnerLeak = "CVE-2026-10005: Job tokens written to runner logs";
    public const string BountyTitle = "Zebra bounty results";
    public const string Canary = "PUBLIC-SITE-CANARY";
    public const string HeldProduct = "Acme Secret Gateway";
    public const string High31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";

    public static readonly string[] Everything = [BountyTitle, RunnerLeak, RunnerPost, Xss, Rce, PlatformPost];

    public string Reference(string title) => title switch
    {
        PlatformPost => Platform.Part("blog-post").GetProperty("reference").GetString() ?? "",
        RunnerPost => Runner.Part("blog-post").GetProperty("reference").GetString() ?? "",
        RunnerLeak => Runner.Part("advisory").GetProperty("reference").GetString() ?? "",
        BountyTitle => Bounty,
        _ => Platform.Parts("advisory").Single(a => a.GetProperty("title").GetString() == title).GetProperty("reference").GetString() ?? "",
    };

    /// <summary>Acme Platform's release on 2 November 2026; Acme Runner's and the bounty update on 11 January 2027.</summary>
    public static async Task<PublicSiteWorld> BuildAsync(SecCommsApp app)
    {
        var alice = await app.AddUserAsync("alice@example.com", ["appsec", "security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);

        var (platform, platformDetails) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.PublishAllAsync(alice, sam, platform, platformDetails);

        await CommunicationsApi.CreateAsync(alice.Client, $"Zebra draft {Canary}", "bug-bounty-update");
        await PublicSiteApi.PublishedAsync(alice, sam, $"Zebra confidential security release {Canary}", confidential: true);
        var (_, held) = await ReleaseOfAsync(alice.Client, HeldProduct, "2.0.1", $"Zebra held remote code execution {Canary}", "CVE-2026-10009", ReleaseApi.Critical31);
        foreach (var id in held.GetProperty("communications").EnumerateArray().Select(c => c.Id()))
        {
            await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        }

        app.Time.Advance(TimeSpan.FromDays(70));
        var (runner, runnerDetails) = await ReleaseOfAsync(alice.Client, "Acme Runner", "4.2.1", "Job tokens written to runner logs", "CVE-2026-10005", High31);
        await ReleaseApi.PublishAllAsync(alice, sam, runner, runnerDetails);
        var bounty = await PublicSiteApi.PublishedAsync(alice, sam, BountyTitle, "bug-bounty-update");

        return new PublicSiteWorld(alice, sam, await ReleaseApi.DetailsAsync(alice.Client, platform), await ReleaseApi.DetailsAsync(alice.Client, runner), bounty);
    }

    /// <summary>A release of <paramref name="product"/> with one vulnerability, prepared.</summary>
    public static async Task<(string Release, JsonElement Details)> ReleaseOfAsync(HttpClient client, string product, string version, string title, string cve, string vector)
    {
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(client, new
        {
            title,
            description = $"{title}: an attacker could abuse it.",
            product,
            cweId = "CWE-532",
            cveId = cve,
            cvss31Vector = vector,
            affected = new[] { new { introduced = "1.0", @fixed = version } },
            credits = new[] { new { name = "Platform Security Team", kind = "internal" } },
            source = "internal",
        });
        var release = (await (await client.PostAsJsonAsync("/api/v1/releases", new
        {
            kind = "planned",
            product,
            versions = new[] { version },
            plannedFor = new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero),
        })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await ReleaseApi.BundleAsync(client, release, vulnerability)).JsonAsync();
        return (release, await (await ReleaseApi.PrepareAsync(client, release)).JsonAsync());
    }

    /// <summary>The titles a list page shows, in its order.</summary>
    public static IReadOnlyList<string> Titles(string html) => [.. ListedTitle().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The list item of the entry titled <paramref name="title"/>, as HTML.</summary>
    public static string Item(string html, string title)
    {
        var start = html.IndexOf($">{title}</a></h2>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{title} is not on the list.");
        return html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<h2 id=\"advisory-SC-[0-9]+\"><a href=\"[^\"]*\">([^<]*)</a></h2>")]
    private static partial Regex ListedTitle();
}
