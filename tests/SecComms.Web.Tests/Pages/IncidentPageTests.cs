using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Pages;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Incidents;

namespace SecComms.Web.Tests.Pages;

public sealed class IncidentPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_incident_opened_from_the_form_shows_its_clocks_by_urgency_and_who_must_be_engaged(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var aware = app.Time.GetUtcNow().AddHours(-5);

        var refused = await sam.SubmitAsync("/incidents/new", OpeningFields(aware, title: "", severity: ""));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("role=\"alert\"", refusal, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error field-validation-error\" data-valmsg-for=\"Form.Title\" data-valmsg-replace=\"true\">title is required.</span>",
            refusal, StringComparison.Ordinal);
        Assert.Contains("severity is required", refusal, StringComparison.Ordinal);
        Assert.Contains("value=\"EU\"", refusal, StringComparison.Ordinal);
        Assert.Equal(0, (await IncidentsAsync(alice.Client)).GetArrayLength());

        var opened = await sam.SubmitAsync("/incidents/new", OpeningFields(aware));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location?.OriginalString ?? "";
        Assert.Matches("^/incidents/[0-9a-f-]{36}$", location);
        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("INC-1 was opened.", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Leaked deploy token</h1>", page, StringComparison.Ordinal);
        Assert.Contains("S1 Critical", page, StringComparison.Ordinal);
        Assert.Contains(">Investigating</span>", page, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-escalated\" data-clock=\"external-message-s1\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-running\" data-clock=\"gdpr-art-33\">", page, StringComparison.Ordinal);
        Assert.Contains($"<time datetime=\"{PageSupport.Iso(aware.AddHours(6))}\">{PageSupport.Utc(aware.AddHours(6))}</time>", page, StringComparison.Ordinal);
        Assert.Contains("1h 0m left", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"engagement-overdue\" data-party=\"vp-security\">", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"engagement-overdue\" data-party=\"legal\">", page, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromHours(2));
        var later = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("<tr class=\"clock-missed\" data-clock=\"external-message-s1\">", later, StringComparison.Ordinal);
        Assert.Contains("1h 0m overdue", later, StringComparison.Ordinal);

        var unconfirmed = await sam.SubmitAsync(location, new() { ["Key"] = "gdpr-art-33", ["Evidence"] = "CNIL case 2026-118" }, action: location + "?handler=Met");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var unconfirmedPage = await PageSession.TextAsync(unconfirmed);
        Assert.Contains("Tick the box to confirm: marking the clock met cannot be undone.", unconfirmedPage, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-running\" data-clock=\"gdpr-art-33\">", unconfirmedPage, StringComparison.Ordinal);

        var met = await sam.SubmitAsync(location, new() { ["Key"] = "gdpr-art-33", ["Evidence"] = "CNIL case 2026-118", ["Confirm"] = "true" },
            action: location + "?handler=Met");
        var engaged = await sam.SubmitAsync(location, new() { ["Party"] = "vp-security", ["Note"] = "paged" }, action: location + "?handler=Engage");

        Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, engaged.StatusCode);
        var after = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("Recorded that VP of Security was engaged.", after, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-met\" data-clock=\"gdpr-art-33\">", after, StringComparison.Ordinal);
        Assert.Contains(": CNIL case 2026-118", after, StringComparison.Ordinal);
        Assert.Contains("<li class=\"engaged\" data-party=\"vp-security\">", after, StringComparison.Ordinal);
        Assert.Contains("Engaged VP of Security (paged).", after, StringComparison.Ordinal);
        Assert.Contains("<li class=\"engagement-overdue\" data-party=\"legal\">", after, StringComparison.Ordinal);

        var twice = await sam.SubmitAsync(location, new() { ["Party"] = "vp-security" }, action: location + "?handler=Engage");
        var unknown = await sam.SubmitAsync(location, new() { ["Party"] = "the-board" }, action: location + "?handler=Engage");

        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("VP of Security was already engaged on INC-1", await PageSession.TextAsync(twice), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("party must be one of the parties the policy names", await PageSession.TextAsync(unknown), StringComparison.Ordinal);
        var engagements = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/engagements");
        Assert.Single(engagements.EnumerateArray(), e => e.GetProperty("engagedAt").ValueKind != JsonValueKind.Null);

        var notMoved = await sam.SubmitAsync(location, new() { ["Status"] = "Identified" }, action: location + "?handler=Status");

        Assert.Equal(HttpStatusCode.OK, notMoved.StatusCode);
        var notMovedPage = await PageSession.TextAsync(notMoved);
        Assert.Contains("Tick the box to confirm: moving the incident forward cannot be undone.", notMovedPage, StringComparison.Ordinal);
        Assert.Contains(">Investigating</span>", notMovedPage, StringComparison.Ordinal);

        var moved = await sam.SubmitAsync(location, new() { ["Status"] = "Identified", ["Confirm"] = "true" }, action: location + "?handler=Status");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains(">Identified</span>", WebUtility.HtmlDecode(await sam.GetHtmlAsync(location)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Approving_no_public_notification_asks_for_the_confirmation_first(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var id = (await IncidentApi.OpenedAsync(alice.Client, new
        {
            title = "Misrouted invoice email",
            kind = "accidental-disclosure",
            severity = "s3",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-2),
            personalData = false,
        })).Id();
        (await alice.Client.PutAsJsonAsync($"/api/v1/incidents/{id}/no-public-notification", new { reason = "Both customers were told directly." }))
            .EnsureSuccessStatusCode();
        var location = $"/incidents/{id}";

        var unconfirmed = await sam.SubmitAsync(location, [], action: location + "?handler=Approve");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var refusal = await PageSession.TextAsync(unconfirmed);
        Assert.Contains("Tick the box to confirm: approving no public notification cannot be undone.", refusal, StringComparison.Ordinal);
        Assert.Contains("Waiting for security, legal.", refusal, StringComparison.Ordinal);

        var approved = await sam.SubmitAsync(location, new() { ["Confirm"] = "true" }, action: location + "?handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("Approved no public notification; still waiting for legal.", WebUtility.HtmlDecode(await sam.GetHtmlAsync(location)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_internal_update_restarts_the_cadence_and_the_initial_notice_is_drafted_into_the_set(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var location = $"/incidents/{await OpenAsync(alice.Client, "s2")}";
        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains($"Next internal update due <time datetime=\"{PageSupport.Iso(app.Time.GetUtcNow())}\">", page, StringComparison.Ordinal);

        var timeline = (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/timeline")).GetArrayLength();

        var empty = await sam.SubmitAsync(location, new() { ["Kind"] = "InternalUpdate", ["Text"] = " " }, action: location + "?handler=Timeline");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("text is required.", await PageSession.TextAsync(empty), StringComparison.Ordinal);
        Assert.Equal(timeline, (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/timeline")).GetArrayLength());

        app.Time.Advance(TimeSpan.FromMinutes(10));
        var posted = await sam.SubmitAsync(location, new() { ["Kind"] = "InternalUpdate", ["Text"] = "Token revoked; scope under review." },
            action: location + "?handler=Timeline");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var updated = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("Internal update posted", updated, StringComparison.Ordinal);
        Assert.Contains($"Next internal update due <time datetime=\"{PageSupport.Iso(app.Time.GetUtcNow().AddHours(1))}\">", updated, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge\">Internal update</span>", updated, StringComparison.Ordinal);
        Assert.Contains("Token revoked; scope under review.", updated, StringComparison.Ordinal);
        Assert.True(updated.IndexOf("Opened as S2 breach.", StringComparison.Ordinal) < updated.IndexOf("Token revoked", StringComparison.Ordinal),
            "The timeline lists the oldest entry first.");

        var drafted = await sam.SubmitAsync(location, new() { ["Part"] = "InitialNotice" }, action: location + "?handler=Message");

        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var withNotice = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("Drafted SC-1, the initial notice.", withNotice, StringComparison.Ordinal);
        var message = (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/messages"))[0];
        Assert.Contains($"<td class=\"reference\">SC-1</td>\n                            <td>Initial notice</td>\n                            <td><a href=\"/communications/{message.GetProperty("id").GetString()}\">",
            withNotice.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-draft\">Draft</span>", withNotice, StringComparison.Ordinal);

        var again = await sam.SubmitAsync(location, new() { ["Part"] = "InitialNotice" }, action: location + "?handler=Message");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("INC-1 already has an initial notice; draft an update instead.", await PageSession.TextAsync(again), StringComparison.Ordinal);
        Assert.Equal(1, (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/messages")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_dashboard_lists_the_ten_soonest_clocks_and_says_how_many_more_are_open(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var open = 0;
        while (open <= SecComms.Web.Pages.IndexModel.ClocksShown)
        {
            var id = await OpenAsync(alice.Client, "s1");
            open += (await Incidents.IncidentApi.ClocksAsync(alice.Client, id.ToString())).Count;
        }

        var dashboard = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/"));

        Assert.Equal(SecComms.Web.Pages.IndexModel.ClocksShown, dashboard.Split("<tr class=\"clock-").Length - 1);
        Assert.Contains($"The {SecComms.Web.Pages.IndexModel.ClocksShown} soonest of {open} open clocks. The others are on their <a href=\"/incidents\">incidents' pages</a>.",
            dashboard, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Outside_the_security_team_incidents_do_not_exist_and_the_dashboard_shows_no_clocks(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["legal"]);
        var id = await OpenAsync(alice.Client, "s1");

        var dashboard = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/"));
        Assert.Contains("<a href=\"/incidents\">Incidents</a>", dashboard, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"running-clocks-heading\">Running clocks</h2>", dashboard, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/incidents/{id}\"><span class=\"reference\">INC-1</span> Leaked deploy token</a>", dashboard, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-running\">", dashboard, StringComparison.Ordinal);

        var outsider = WebUtility.HtmlDecode(await lee.GetHtmlAsync("/"));
        Assert.DoesNotContain("/incidents", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Running clocks", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-1", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Leaked deploy token", await lee.GetHtmlAsync($"/incidents/{id}", HttpStatusCode.NotFound), StringComparison.Ordinal);
        await lee.GetHtmlAsync("/incidents", HttpStatusCode.NotFound);
        await lee.GetHtmlAsync("/incidents/new", HttpStatusCode.NotFound);
        var list = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/incidents"));
        Assert.Contains($"<a href=\"/incidents/{id}\">Leaked deploy token</a>", list, StringComparison.Ordinal);
        Assert.Contains("No incidents match these filters.", await sam.GetHtmlAsync("/incidents?severity=S4"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Editing_the_facts_changes_only_what_was_changed_and_moves_the_clocks(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var id = await OpenAsync(alice.Client, "s2");
        var location = $"/incidents/{id}";
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Leaked deploy token",
            ["Form.Kind"] = "Breach",
            ["Form.Severity"] = "S2",
            ["Form.BecameAwareAt"] = "2026-11-02T08:00",
            ["Form.PersonalData"] = "false",
            ["Form.DetectedAt"] = "2026-11-02T08:30",
        };

        var refused = await sam.SubmitAsync(location, fields, action: location + "?handler=Facts");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("data-valmsg-for=\"Form.DetectedAt\" data-valmsg-replace=\"true\">The time it was detected (2026-11-02 08:30 UTC) cannot be after the time the company became aware",
            refusal, StringComparison.Ordinal);
        Assert.Contains("<details open=\"open\">", refusal, StringComparison.Ordinal);
        var unchanged = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}");
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("detectedAt").ValueKind);

        fields["Form.DetectedAt"] = "2026-11-02T07:45";
        fields["Form.Severity"] = "S1";
        var saved = await sam.SubmitAsync(location, fields, action: location + "?handler=Facts");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("Saved the facts of INC-1.", page, StringComparison.Ordinal);
        Assert.Contains("S1 Critical", page, StringComparison.Ordinal);
        Assert.Contains("Severity changed from S2 to S1.", page, StringComparison.Ordinal);
        Assert.Contains("data-clock=\"external-message-s1\"", page, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"clock-withdrawn\" data-clock=\"external-message-s2\">", page, StringComparison.Ordinal);
        var incident = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}");
        Assert.Equal("2026-11-02T07:45:00+00:00", incident.GetProperty("detectedAt").GetString());
        Assert.Equal("2026-11-02T08:00:00+00:00", incident.GetProperty("becameAwareAt").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_message_about_an_incident_takes_its_Support_FAQ_from_the_editor_and_offers_the_quorum_fallback_near_the_deadline(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var incident = await OpenAsync(alice.Client, "s1");
        var drafted = await alice.Client.PostAsJsonAsync($"/api/v1/incidents/{incident}/messages", new { part = "initial-notice" });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var details = $"/communications/{id}";
        var edit = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details + "/edit"));
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(edit, $"name=\"{name}\"[^>]*>([^<]*)</textarea>|name=\"{name}\" value=\"([^\"]*)\"") is { Success: true } m
            ? m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value
            : "";

        var saved = await sam.SubmitAsync(details + "/edit", new()
        {
            ["Revision"] = "1",
            ["Title"] = Field("Title"),
            ["Body"] = Field("Body"),
            ["EmailSubject"] = Field("EmailSubject"),
            ["EmailBody"] = Field("EmailBody"),
            ["ShortText"] = "We are investigating a security incident.",
            ["SupportFaq"] = "Q: Do I need to rotate my tokens?\nA: Only deploy tokens created before 2 November.",
        }, action: details + "/edit?handler=Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains("<h2 id=\"faq-heading\">Support FAQ</h2>", page, StringComparison.Ordinal);
        Assert.Contains("A: Only deploy tokens created before 2 November.", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"fallback-heading\">Quorum fallback</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Not available. SC-1 is draft; the fallback is for a message in review.", page, StringComparison.Ordinal);
        Assert.Contains("Support FAQ", WebUtility.HtmlDecode(await sam.GetHtmlAsync(details + "/revisions/2/diff")), StringComparison.Ordinal);
        var set = WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/incidents/{incident}"));
        Assert.Contains("<td>✓<span class=\"visually-hidden\"> present</span></td>", set, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await sam.SubmitAsync(details, [], action: details + "?handler=Submit")).StatusCode);
        app.Time.Advance(TimeSpan.FromHours(4.5));
        var near = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains("Available now.", near, StringComparison.Ordinal);
        Assert.Contains("Invoke the quorum fallback", near, StringComparison.Ordinal);

        var unconfirmed = await sam.SubmitAsync(details, new() { ["Reason"] = "The S1 notice is due within the hour." }, action: details + "?handler=QuorumFallback");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: invoking the quorum fallback cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Contains("Available now.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);

        var noReason = await sam.SubmitAsync(details, new() { ["Reason"] = "", ["Confirm"] = "true" }, action: details + "?handler=QuorumFallback");

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("reason is required", await PageSession.TextAsync(noReason), StringComparison.Ordinal);
        Assert.Contains("Available now.", await PageSession.TextAsync(noReason), StringComparison.Ordinal);

        var invoked = await sam.SubmitAsync(details, new() { ["Reason"] = "The S1 notice is due within the hour.", ["Confirm"] = "true" },
            action: details + "?handler=QuorumFallback");

        Assert.Equal(HttpStatusCode.Redirect, invoked.StatusCode);
        var after = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains("Quorum fallback invoked: product, corporate-marketing, support waived for this review round.", after, StringComparison.Ordinal);
        Assert.Contains("Invoked for this review round.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoke the quorum fallback", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Affected_customers_are_chosen_from_the_audience_directory_and_a_message_to_them_reaches_their_contacts(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        await app.AddUserAsync("vera@example.com", ["security"], SecComms.Core.Identity.UserRole.Viewer, PageSession.Password);
        var vera = await PageSession.SignInAsync(app, "vera@example.com");
        foreach (var name in new[] { "Acme", "Globex", "Initech" })
        {
            await AudienceSetup.OrganizationAsync(alice.Client, name);
        }
        await AudienceSetup.ContactAsync(alice.Client, "ann@acme.example", "Acme");
        await AudienceSetup.ContactAsync(alice.Client, "bob@acme.example", "Acme", subscribed: false);
        await AudienceSetup.ContactAsync(alice.Client, "gil@globex.example", "Globex");
        await AudienceSetup.ContactAsync(alice.Client, "ivy@initech.example", "Initech");
        var incident = await OpenAsync(alice.Client, "s2");
        var location = $"/incidents/{incident}";

        var before = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));

        Assert.Contains("None named yet: a message to the affected customers would reach no one.", before, StringComparison.Ordinal);
        foreach (var name in new[] { "Acme", "Globex", "Initech" })
        {
            Assert.Matches($"<input type=\"checkbox\" id=\"affected-\\d+\" name=\"AffectedCustomers\" value=\"{name}\">", before);
        }

        var tooMany = await sam.SubmitAsync(location, Enumerable.Range(0, 21).ToDictionary(n => $"AffectedCustomers[{n}]", n => $"Customer {n}"),
            action: location + "?handler=AffectedCustomers");

        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        var tooManyText = await PageSession.TextAsync(tooMany);
        Assert.Contains("The incident's affected customers may list at most 20 values.", tooManyText, StringComparison.Ordinal);
        Assert.DoesNotContain("affectedCustomers", tooManyText, StringComparison.Ordinal);
        Assert.Equal(0, (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}")).GetProperty("affectedCustomers").GetArrayLength());

        var chosen = await sam.SubmitAsync(location, new() { ["AffectedCustomers[0]"] = "Acme", ["AffectedCustomers[1]"] = "Globex" },
            action: location + "?handler=AffectedCustomers");

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var after = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains("Affected customers of INC-1: Acme, Globex.", after, StringComparison.Ordinal);
        Assert.Contains("<strong>Acme</strong>\n                        <span class=\"muted\">2 contacts</span>", after.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" id=\"affected-\\d+\" name=\"AffectedCustomers\" value=\"Globex\" checked=\"checked\">", after);
        Assert.Matches("<input type=\"checkbox\" id=\"affected-\\d+\" name=\"AffectedCustomers\" value=\"Initech\">", after);
        var recorded = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}");
        Assert.Equal(["Acme", "Globex"], recorded.GetProperty("affectedCustomers").EnumerateArray().Select(c => c.GetString()));

        var message = await (await alice.Client.PostAsJsonAsync($"/api/v1{location}/messages", new { part = "initial-notice" })).JsonAsync(HttpStatusCode.Created);
        var audience = await (await alice.Client.PutAsJsonAsync($"/api/v1/communications/{message.GetProperty("id").GetString()}/audience",
            new { affectedCustomers = true })).JsonAsync();
        Assert.Equal(3, audience.GetProperty("preview").GetProperty("recipients").GetInt32());
        Assert.Equal(2, audience.GetProperty("preview").GetProperty("organizations").GetInt32());

        var readOnly = WebUtility.HtmlDecode(await vera.GetHtmlAsync(location));
        Assert.Contains("<strong>Globex</strong>", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Save affected customers", readOnly, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_Support_FAQ_holding_the_templates_questions_with_blank_answers_is_missing_until_each_is_answered(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var incident = await OpenAsync(alice.Client, "s2");
        var location = $"/incidents/{incident}";
        var message = await (await alice.Client.PostAsJsonAsync($"/api/v1{location}/messages", new { part = "initial-notice" })).JsonAsync(HttpStatusCode.Created);
        var id = message.GetProperty("id").GetString()!;
        const string missing = "<td>✗<span class=\"visually-hidden\"> missing</span></td>";
        const string present = "<td>✓<span class=\"visually-hidden\"> present</span></td>";
        async Task<bool> HasFaqAsync() =>
            (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/messages"))[0].GetProperty("hasSupportFaq").GetBoolean();

        var drafted = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}");
        Assert.StartsWith("Q: What happened?\nA:\n", drafted.GetProperty("revision").GetProperty("content").GetProperty("supportFaq").GetString(), StringComparison.Ordinal);
        Assert.False(await HasFaqAsync());
        Assert.Contains(missing, WebUtility.HtmlDecode(await sam.GetHtmlAsync(location)), StringComparison.Ordinal);
        var refused = await (await alice.Client.PostAsync($"/api/v1/communications/{id}/submit", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("an answer to every question of its Support FAQ (supportFaq)", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var partly = "Q: What happened?\nA: A deploy token was published in a public repository.\n\nQ: Am I affected?\nA:\n";
        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { supportFaq = partly })).JsonAsync();
        Assert.False(await HasFaqAsync());

        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 2, new { supportFaq = partly + "Only projects we have written to.\n" })).JsonAsync();

        Assert.True(await HasFaqAsync());
        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        Assert.Contains(present, page, StringComparison.Ordinal);
        Assert.DoesNotContain(missing, page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_messages_drafted_from_the_incident_page_say_security_incident_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var location = $"/incidents/{await OpenAsync(alice.Client, "s2")}";

        foreach (var part in new[] { "InitialNotice", "Update", "ResolutionNotice" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await sam.SubmitAsync(location, new() { ["Part"] = part }, action: location + "?handler=Message")).StatusCode);
        }

        var messages = (await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1{location}/messages")).EnumerateArray().ToList();
        Assert.Equal(["Leaked deploy token", "Update: Leaked deploy token", "Resolved: Leaked deploy token"], messages.Select(m => m.GetProperty("title").GetString()));
        var notice = WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/communications/{messages[0].GetProperty("id").GetString()}"));
        Assert.Contains("<h1>Leaked deploy token</h1>", notice, StringComparison.Ordinal);
        Assert.Contains("<span class=\"label\">Subject</span> Important security information: Leaked deploy token", notice, StringComparison.Ordinal);
        Assert.Contains("We are investigating a security incident: Leaked deploy token. Updates will follow here.", notice, StringComparison.Ordinal);
        var set = WebUtility.HtmlDecode(await sam.GetHtmlAsync(location));
        foreach (var page in new[] { notice, set })
        {
            Assert.DoesNotContain("Security incident:", page, StringComparison.Ordinal);
            Assert.DoesNotContain("the security incident:", page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_message_links_its_incident_only_for_those_who_may_open_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var ann = await PageSession.AddAndSignInAsync(app, "ann@example.com", ["appsec"]);
        var incident = await OpenAsync(alice.Client, "s2");
        var message = await (await alice.Client.PostAsJsonAsync($"/api/v1/incidents/{incident}/messages", new { part = "initial-notice" })).JsonAsync(HttpStatusCode.Created);
        var details = $"/communications/{message.GetProperty("id").GetString()}";

        var asBackupApprover = WebUtility.HtmlDecode(await ann.GetHtmlAsync(details));

        Assert.Contains("<dt>Incident</dt><dd>", asBackupApprover, StringComparison.Ordinal);
        Assert.Contains("INC-1", asBackupApprover, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/incidents", asBackupApprover, StringComparison.Ordinal);
        await ann.GetHtmlAsync($"/incidents/{incident}", HttpStatusCode.NotFound);

        var asSecurity = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));

        Assert.Contains($"<a href=\"/incidents/{incident}\">INC-1</a>", asSecurity, StringComparison.Ordinal);
        Assert.Contains("<h1>Leaked deploy token</h1>", WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/incidents/{incident}")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> OpeningFields(DateTimeOffset aware, string title = "Leaked deploy token", string severity = "S1") => new()
    {
        ["Form.Title"] = title,
        ["Form.Kind"] = "Breach",
        ["Form.Severity"] = severity,
        ["Form.BecameAwareAt"] = aware.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Form.PersonalData"] = "true",
        ["Form.Regions"] = "EU",
        ["Form.CustomerTiers"] = "enterprise",
    };

    private static async Task<Guid> OpenAsync(HttpClient client, string severity)
    {
        var response = await client.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "Leaked deploy token",
            kind = "breach",
            severity,
            becameAwareAt = "2026-11-02T08:00:00Z",
            personalData = false,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> IncidentsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?open=false")).GetProperty("items") is { } none && none.GetArrayLength() > 0
            ? none
            : (await client.GetFromJsonAsync<JsonElement>("/api/v1/incidents")).GetProperty("items");
}
