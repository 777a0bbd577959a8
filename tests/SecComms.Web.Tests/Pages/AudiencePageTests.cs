using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Pages;

public sealed class AudiencePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_segment_is_created_previewed_changed_and_not_deleted_while_a_communication_uses_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var cat = await PageSession.AddAndSignInAsync(app, "cat@example.com", ["customer-success"]);
        await AudienceSetup.OrganizationAsync(alice.Client, "Acme", tier: "enterprise");
        await AudienceSetup.OrganizationAsync(alice.Client, "Globex", tier: "standard");
        await AudienceSetup.ContactAsync(alice.Client, "ann@acme.example", "Acme");
        await AudienceSetup.ContactAsync(alice.Client, "bob@acme.example", "Acme", subscribed: false);
        await AudienceSetup.ContactAsync(alice.Client, "gil@globex.example", "Globex");

        var refused = await cat.SubmitAsync("/audiences", new()
        {
            ["Form.Key"] = "Enterprise EU",
            ["Form.Name"] = "Enterprise customers",
            ["Form.Tiers"] = "enterprise, not a tier!",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("data-valmsg-for=\"Form.Key\" data-valmsg-replace=\"true\">key must be lower case letters", refusal, StringComparison.Ordinal);
        Assert.Contains("data-valmsg-for=\"Form.Tiers\" data-valmsg-replace=\"true\">tiers[1] must be a short label", refusal, StringComparison.Ordinal);
        Assert.Contains("value=\"enterprise, not a tier!\"", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/audiences"));

        var created = await cat.SubmitAsync("/audiences", new()
        {
            ["Form.Key"] = "enterprise",
            ["Form.Name"] = "Enterprise customers",
            ["Form.Tiers"] = "enterprise",
            ["Form.Deployments"] = "SelfManaged",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/audiences/enterprise", created.Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await cat.GetHtmlAsync("/audiences/enterprise"));
        Assert.Contains("The segment enterprise was created; it reaches 1 contacts now.", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> contact at <strong>1</strong> organization.", page, StringComparison.Ordinal);
        Assert.Contains("<td>ann@acme.example</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@acme.example", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Deployments</dt><dd>Self-managed</dd>", page, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await cat.GetHtmlAsync("/audiences"));
        Assert.Contains("<a href=\"/audiences/enterprise\">Enterprise customers</a>", list, StringComparison.Ordinal);
        Assert.Contains("<span class=\"muted\">Subscribers only</span>", list, StringComparison.Ordinal);

        var changed = await cat.SubmitAsync("/audiences/enterprise", new()
        {
            ["Form.Name"] = "Enterprise customers",
            ["Form.Mandatory"] = "true",
            ["Form.Tiers"] = "enterprise",
        }, action: "/audiences/enterprise?handler=Save");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var mandatory = WebUtility.HtmlDecode(await cat.GetHtmlAsync("/audiences/enterprise"));
        Assert.Contains("Saved; the segment reaches 2 contacts now.", mandatory, StringComparison.Ordinal);
        Assert.Contains("<td>bob@acme.example</td>", mandatory, StringComparison.Ordinal);
        Assert.Contains("<dt>Deployments</dt><dd>Any</dd>", mandatory, StringComparison.Ordinal);

        var notice = await CommunicationsApi.CreateAsync(alice.Client, "Upgrade to 16.4.3", "customer-security-notice");
        await (await alice.Client.PutAsJsonAsync($"/api/v1/communications/{notice.Id()}/audience", new { segment = "enterprise" })).JsonAsync();
        var kept = await cat.SubmitAsync("/audiences/enterprise", new() { ["Confirm"] = "true" }, action: "/audiences/enterprise?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Contains("The segment 'enterprise' is the audience of SC-1; choose another audience there first.", await PageSession.TextAsync(kept), StringComparison.Ordinal);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/audiences"));

        await (await alice.Client.PutAsJsonAsync($"/api/v1/communications/{notice.Id()}/audience", new { })).JsonAsync();
        var unconfirmed = await cat.SubmitAsync("/audiences/enterprise", new(), action: "/audiences/enterprise?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: deleting the segment cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/audiences"));

        var deleted = await cat.SubmitAsync("/audiences/enterprise", new() { ["Confirm"] = "true" }, action: "/audiences/enterprise?handler=Delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("The segment enterprise was deleted.", WebUtility.HtmlDecode(await cat.GetHtmlAsync("/audiences")), StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/audiences"));
        await cat.GetHtmlAsync("/audiences/enterprise", HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Organizations_and_contacts_are_added_searched_and_exported_and_bad_ones_are_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sue = await PageSession.AddAndSignInAsync(app, "sue@example.com", ["support"]);

        var badOrganization = await sue.SubmitAsync("/audiences/organizations", new() { ["Organization.Name"] = "Acme", ["Organization.Tier"] = "Top tier!" });

        Assert.Equal(HttpStatusCode.OK, badOrganization.StatusCode);
        Assert.Contains("data-valmsg-for=\"Organization.Tier\" data-valmsg-replace=\"true\">tier must be a short label such as enterprise.",
            await PageSession.TextAsync(badOrganization), StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/organizations"));

        var organization = await sue.SubmitAsync("/audiences/organizations", new()
        {
            ["Organization.Name"] = "Acme, Inc.",
            ["Organization.Tier"] = "enterprise",
            ["Organization.Deployment"] = "Saas",
            ["Organization.ProductVersion"] = "16.4.2",
            ["Organization.Region"] = "eu",
        });

        Assert.Equal(HttpStatusCode.Redirect, organization.StatusCode);
        var organizations = WebUtility.HtmlDecode(await sue.GetHtmlAsync(organization.Headers.Location!.OriginalString));
        Assert.Contains("Added Acme, Inc..", organizations, StringComparison.Ordinal);
        Assert.Matches(@">Acme, Inc\.</a>\s*</td>\s*<td>enterprise</td>\s*<td>SaaS</td>", organizations);

        var badContact = await sue.SubmitAsync("/audiences/contacts", new()
        {
            ["Contact.Email"] = "not an address",
            ["Contact.Name"] = "Ann",
            ["Contact.Organization"] = "Nobody Ltd",
        });

        Assert.Equal(HttpStatusCode.OK, badContact.StatusCode);
        Assert.Contains("data-valmsg-for=\"Contact.Email\" data-valmsg-replace=\"true\">email must be an address such as alice@example.com.",
            await PageSession.TextAsync(badContact), StringComparison.Ordinal);
        var unknownOrganization = await sue.SubmitAsync("/audiences/contacts", new()
        {
            ["Contact.Email"] = "ann@acme.example",
            ["Contact.Name"] = "Ann",
            ["Contact.Organization"] = "Nobody Ltd",
        });
        Assert.Contains("No organization is named &#x27;Nobody Ltd&#x27;.", await unknownOrganization.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownRole = await sue.SubmitAsync("/audiences/contacts", new()
        {
            ["Contact.Email"] = "ann@acme.example",
            ["Contact.Name"] = "Ann",
            ["Contact.Organization"] = "Acme, Inc.",
            ["Contact.Role"] = "Ceo",
        });
        Assert.Equal(HttpStatusCode.OK, unknownRole.StatusCode);
        Assert.Contains("The value &#x27;Ceo&#x27; is not valid", await unknownRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/contacts"));

        var contact = await sue.SubmitAsync("/audiences/contacts", new()
        {
            ["Contact.Email"] = "Ann@Acme.example",
            ["Contact.Name"] = "Ann Lee",
            ["Contact.Organization"] = "Acme, Inc.",
            ["Contact.Role"] = "Technical",
            ["Contact.Subscribed"] = "true",
        });
        await AudienceSetup.ContactAsync(alice.Client, "zed@acme.example", "Acme, Inc.");

        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var found = WebUtility.HtmlDecode(await sue.GetHtmlAsync(contact.Headers.Location!.OriginalString));
        Assert.Contains("Saved ann@acme.example at Acme, Inc..", found, StringComparison.Ordinal);
        Assert.Contains("<td>ann@acme.example</td>", found, StringComparison.Ordinal);
        Assert.Contains("<td>Technical contact</td>", found, StringComparison.Ordinal);
        Assert.DoesNotContain("zed@acme.example", found, StringComparison.Ordinal);
        Assert.Contains("1–2 of 2 contacts.", WebUtility.HtmlDecode(await sue.GetHtmlAsync("/audiences/contacts?q=acme")), StringComparison.Ordinal);

        var export = await sue.Client.GetAsync("/audiences/contacts?handler=Export");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "email,name,organization,role,tier,deployment,product_version,region,subscribed\n" +
            "ann@acme.example,Ann Lee,\"Acme, Inc.\",technical,enterprise,saas,16.4.2,eu,yes\n" +
            "zed@acme.example,zed,\"Acme, Inc.\",security-contact,enterprise,saas,16.4.2,eu,yes\n",
            (await export.Content.ReadAsStringAsync()).ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_organization_is_edited_from_its_page_and_bad_changes_are_refused_beside_their_field(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sue = await PageSession.AddAndSignInAsync(app, "sue@example.com", ["support"]);
        await AudienceSetup.OrganizationAsync(alice.Client, "Acme", tier: "standard", productVersion: "16.3.1");
        await AudienceSetup.OrganizationAsync(alice.Client, "Globex");
        var list = await sue.GetHtmlAsync("/audiences/organizations?q=acme");
        var link = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/audiences/organizations/[0-9a-f-]{36})\">Acme</a>").Groups[1].Value;
        Assert.NotEqual("", link);

        var form = WebUtility.HtmlDecode(await sue.GetHtmlAsync(link));
        Assert.Contains("<h1>Acme</h1>", form, StringComparison.Ordinal);
        Assert.Contains("value=\"16.3.1\"", form, StringComparison.Ordinal);
        var badVersion = await sue.SubmitAsync(link, new() { ["Organization.Name"] = "Acme", ["Organization.ProductVersion"] = "16.4 beta!" });
        var taken = await sue.SubmitAsync(link, new() { ["Organization.Name"] = "Globex" });
        var badDeployment = await sue.SubmitAsync(link, new() { ["Organization.Name"] = "Acme", ["Organization.Deployment"] = "cloud" });

        Assert.Equal(HttpStatusCode.OK, badVersion.StatusCode);
        var refusal = await PageSession.TextAsync(badVersion);
        Assert.Contains("data-valmsg-for=\"Organization.ProductVersion\"", refusal, StringComparison.Ordinal);
        Assert.Contains("value=\"16.4 beta!\"", refusal, StringComparison.Ordinal);
        Assert.Contains("An organization named &#x27;Globex&#x27; already exists.", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badDeployment.StatusCode);
        Assert.Contains("data-valmsg-for=\"Organization.Deployment\" data-valmsg-replace=\"true\">The value &#x27;cloud&#x27; is not valid",
            await badDeployment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = (await (await alice.Client.GetAsync("/api/v1/organizations?search=acme")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(("Acme", "16.3.1"), (unchanged.GetProperty("name").GetString(), unchanged.GetProperty("productVersion").GetString()));
        Assert.Equal("self-managed", unchanged.GetProperty("deployment").GetString());

        var saved = await sue.SubmitAsync(link, new()
        {
            ["Organization.Name"] = "Acme Corporation",
            ["Organization.Tier"] = "enterprise",
            ["Organization.Deployment"] = "Saas",
            ["Organization.ProductVersion"] = "16.4.2",
            ["Organization.Region"] = "eu",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await sue.GetHtmlAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("Saved Acme Corporation.", after, StringComparison.Ordinal);
        Assert.Matches(@">Acme Corporation</a>\s*</td>\s*<td>enterprise</td>\s*<td>SaaS</td>\s*<td>16\.4\.2</td>\s*<td>eu</td>", after);
        await app.AddUserAsync("vic@example.com", ["support"], SecComms.Core.Identity.UserRole.Viewer, PageSession.Password);
        var viewer = await PageSession.SignInAsync(app, "vic@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Client.GetAsync(link)).StatusCode);
        Assert.DoesNotContain(link, await viewer.GetHtmlAsync("/audiences/organizations"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_uploaded_csv_is_imported_as_it_streams_and_its_bad_rows_are_listed_by_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        const string csv = "email,name,organization,tier,subscribed\n" +
            "ann@acme.example,Ann,Acme,enterprise,yes\n" +
            "not-an-address,Bob,Acme,enterprise,yes\n" +
            "gil@globex.example,Gil,Globex,standard,no\n";

        var forged = await AudienceSetup.ImportAsync(sam, csv, withToken: false);
        var badHeader = await AudienceSetup.ImportAsync(sam, "mail,name\nann@acme.example,Ann\n");

        Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, await forged.Content.ReadAsStringAsync());
        Assert.Contains("The upload did not come from this page&#x27;s form, or the form expired.", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badHeader.StatusCode);
        Assert.Contains("Line 1, the header: it lacks email, organization; &#x27;mail&#x27; is not a column.", await badHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/contacts"));

        var imported = await AudienceSetup.ImportAsync(sam, csv, "customers.csv");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = (await PageSession.TextAsync(imported)).ReplaceLineEndings("\n");
        Assert.Contains("<h2 id=\"report-heading\">Imported customers.csv</h2>", report, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"rows\">3</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"created\">2</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"skipped\">1</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"organizations-created\">2</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<td class=\"numeric\">3</td>\n                                    <td><code>email</code></td>\n                                    <td>'not-an-address' is not an email address</td>",
            report, StringComparison.Ordinal);
        Assert.Equal(2, await AudienceSetup.CountAsync(alice.Client, "/api/v1/contacts"));

        var again = await PageSession.TextAsync(await AudienceSetup.ImportAsync(sam, csv));

        Assert.Contains("<dd data-count=\"created\">0</dd>", again, StringComparison.Ordinal);
        Assert.Contains("<dd data-count=\"unchanged\">2</dd>", again, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_imported_row_with_several_bad_columns_is_reported_with_each_of_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        const string csv = "email,name,organization,tier,deployment,subscribed\n" +
            "ann@acme.example,Ann,Acme,enterprise,saas,yes\n" +
            "not-an-address,Bob,Acme,top tier,cloud,yes\n" +
            "gil@globex.example,,Globex,standard,saas,perhaps\n";

        var imported = await AudienceSetup.ImportAsync(sam, csv, "customers.csv");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync()).ReplaceLineEndings("\n");
        Assert.Contains("<dd data-count=\"skipped\">2</dd>", report, StringComparison.Ordinal);
        var rows = System.Text.RegularExpressions.Regex.Matches(report,
            "<td class=\"numeric\">(\\d+)</td>\n\\s*<td><code>([a-z_]+)</code></td>\n\\s*<td>([^<]+)</td>").Select(m => $"{m.Groups[1]} {m.Groups[2]}: {m.Groups[3]}");
        Assert.Equal(
        [
            "3 email: 'not-an-address' is not an email address",
            "3 tier: 'top tier' is not a tier (letters, digits and hyphens)",
            "3 deployment: 'cloud' is not a deployment; one of self-managed, saas",
            "4 name: name is empty",
            "4 subscribed: 'perhaps' is not yes or no",
        ], rows);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/contacts"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Outside_the_teams_that_manage_audiences_the_pages_are_refused_with_the_reason(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("vic@example.com", ["support"], SecComms.Core.Identity.UserRole.Viewer, PageSession.Password);
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["legal"]);
        var vic = await PageSession.SignInAsync(app, "vic@example.com");
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        await AudienceSetup.OrganizationAsync(alice.Client, "Acme");
        await AudienceSetup.ContactAsync(alice.Client, "ann@acme.example", "Acme");

        Assert.Contains("<a href=\"/audiences\">Audiences</a>", await sam.GetHtmlAsync("/"), StringComparison.Ordinal);
        var outsider = await lee.GetHtmlAsync("/");
        Assert.DoesNotContain("/audiences", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("/webhooks", outsider, StringComparison.Ordinal);
        foreach (var url in new[] { "/audiences", "/audiences/contacts", "/audiences/organizations", "/audiences/import", "/audiences/contacts?handler=Export" })
        {
            var refused = WebUtility.HtmlDecode(await lee.GetHtmlAsync(url, HttpStatusCode.Forbidden));
            Assert.Contains("Customer contacts are personal data: only administrators and the teams that manage audiences see them.", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("ann@acme.example", refused, StringComparison.Ordinal);
        }
        var imported = await lee.Client.PostAsync("/audiences/import", new StringContent("email,name,organization\nmal@evil.example,Mal,Acme\n"));
        Assert.Equal(HttpStatusCode.Forbidden, imported.StatusCode);

        var readOnly = WebUtility.HtmlDecode(await vic.GetHtmlAsync("/audiences/contacts"));
        Assert.Contains("<td>ann@acme.example</td>", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a contact", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("/audiences/import", readOnly, StringComparison.Ordinal);
        Assert.Contains("/audiences/import", await sam.GetHtmlAsync("/audiences/contacts"), StringComparison.Ordinal);
        Assert.DoesNotContain("Create a segment", await vic.GetHtmlAsync("/audiences"), StringComparison.Ordinal);
        await vic.GetHtmlAsync("/audiences/import", HttpStatusCode.Forbidden);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/contacts"));
    }
}
