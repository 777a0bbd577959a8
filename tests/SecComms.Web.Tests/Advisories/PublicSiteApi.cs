using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Advisories;

internal static class PublicSiteApi
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Creates a communication, saves <paramref name="bodies"/> as its revisions, and takes it through SAFE, submission and approval.</summary>
    public static async Task<string> ApprovedAsync(TestUser author, TestUser approver, string title, string category = "security-release",
        bool? confidential = null, string[]? bodies = null)
    {
        var created = await CommunicationsApi.CreateAsync(author.Client, title, category, confidential);
        var id = created.Id();
        var revision = 1;
        foreach (var body in bodies ?? [])
        {
            await (await CommunicationsApi.ReviseAsync(author.Client, id, revision++, new { body, shortText = $"{title}: upgrade now." })).JsonAsync();
        }
        if (category.EndsWith("security-release", StringComparison.Ordinal))
        {
            await DisclosureApi.ShipFixAsync(author.Client, id);
        }
        if (category == "customer-response")
        {
            await (await author.Client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", new { noRecipientsReason = "Support sends it by hand." })).JsonAsync();
        }
        if (confidential != true)
        {
            await (await WorkflowApi.SafeAsync(author.Client, id)).JsonAsync();
        }
        await (await WorkflowApi.SubmitAsync(author.Client, id)).JsonAsync();
        var hash = (await (await author.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", hash)).JsonAsync(HttpStatusCode.Created);
        return id;
    }

    /// <summary>As <see cref="ApprovedAsync"/>, then published by its author; returns its reference.</summary>
    public static async Task<string> PublishedAsync(TestUser author, TestUser approver, string title, string category = "security-release",
        bool? confidential = null, string[]? bodies = null)
    {
        var id = await ApprovedAsync(author, approver, title, category, confidential, bodies);
        var published = await (await WorkflowApi.PublishAsync(author.Client, id)).JsonAsync();
        return published.GetProperty("reference").GetString() ?? "";
    }

    public static async Task<string> TextAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return WebUtility.HtmlDecode(text);
    }

    public static async Task<XDocument> FeedAsync(HttpClient client)
    {
        var response = await client.GetAsync("/advisories/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public static IEnumerable<XElement> Entries(this XDocument feed) => feed.Root?.Elements(Atom + "entry") ?? [];

    public static string Child(this XElement element, string name) => element.Element(Atom + name)?.Value ?? "";
}
