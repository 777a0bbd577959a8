using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SecComms.Testing;

namespace SecComms.Web.Tests.Advisories;

/// <summary>/.well-known/security.txt (RFC 9116): who to tell about a vulnerability, renewed before it lapses.</summary>
public sealed partial class SecurityTxtTests
{
    private static readonly string[] RfcFields = ["Acknowledgments", "Canonical", "Contact", "Encryption", "Expires", "Hiring", "Policy", "Preferred-Languages"];

    private static readonly Dictionary<string, string?> Contacts = new()
    {
        ["PublicSite:SecurityTxt:Contact:0"] = "mailto:security@example.com",
        ["PublicSite:SecurityTxt:Contact:1"] = "https://example.com/report",
    };

    [Fact]
    public async Task Security_txt_lists_every_configured_field_in_the_rfc_format_with_an_expiry_less_than_a_year_ahead()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?>(Contacts)
        {
            ["SecComms:BaseUrl"] = "https://security.example.com/",
            ["PublicSite:SecurityTxt:Contact:2"] = "tel:+1-201-555-0123",
            ["PublicSite:SecurityTxt:Encryption"] = "https://example.com/pgp-key.txt",
            ["PublicSite:SecurityTxt:Acknowledgments"] = "https://example.com/hall-of-fame",
            ["PublicSite:SecurityTxt:PreferredLanguages"] = "en,de-CH",
            ["PublicSite:SecurityTxt:Policy"] = "https://example.com/disclosure-policy",
            ["PublicSite:SecurityTxt:Hiring"] = "https://example.com/jobs",
        });

        var response = await app.CreateClient().GetAsync("/.well-known/security.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var fields = Fields(await response.Content.ReadAsStringAsync());
        Assert.All(fields, f => Assert.Contains(f.Name, RfcFields));
        Assert.Equal(["mailto:security@example.com", "https://example.com/report", "tel:+1-201-555-0123"], Values(fields, "Contact"));
        Assert.Equal(["https://example.com/pgp-key.txt"], Values(fields, "Encryption"));
        Assert.Equal(["https://example.com/hall-of-fame"], Values(fields, "Acknowledgments"));
        Assert.Equal(["en, de-CH"], Values(fields, "Preferred-Languages"));
        Assert.Equal(["https://security.example.com/.well-known/security.txt"], Values(fields, "Canonical"));
        Assert.Equal(["https://example.com/disclosure-policy"], Values(fields, "Policy"));
        Assert.Equal(["https://example.com/jobs"], Values(fields, "Hiring"));
        var expires = Expires(fields);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), expires);
        Assert.InRange(expires, app.Time.GetUtcNow(), app.Time.GetUtcNow().AddYears(1));
    }

    [Fact]
    public async Task Expires_stays_the_same_all_day_and_moves_on_with_the_clock_the_next()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?>(Contacts)
        {
            ["PublicSite:SecurityTxt:ExpiresAfterDays"] = "30",
        });
        var anyone = app.CreateClient();
        var first = await anyone.GetAsync("/.well-known/security.txt");
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag");
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), Expires(Fields(await first.Content.ReadAsStringAsync())));

        app.Time.Advance(TimeSpan.FromHours(14));
        var laterThatDay = await SendAsync(anyone, etag);
        Assert.Equal(HttpStatusCode.NotModified, laterThatDay.StatusCode);

        app.Time.Advance(TimeSpan.FromHours(1));
        var nextDay = await SendAsync(anyone, etag);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.NotEqual(etag, nextDay.Headers.ETag);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), Expires(Fields(await nextDay.Content.ReadAsStringAsync())));

        app.Time.Advance(TimeSpan.FromDays(400));
        var muchLater = Expires(Fields(await (await anyone.GetAsync("/.well-known/security.txt")).Content.ReadAsStringAsync()));
        Assert.InRange(muchLater, app.Time.GetUtcNow().AddDays(29), app.Time.GetUtcNow().AddDays(30));
    }

    [Fact]
    public async Task The_legacy_address_sends_readers_on_to_the_well_known_one()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite", Contacts);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/security.txt");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri("http://localhost/.well-known/security.txt"), response.Headers.Location);
    }

    [Fact]
    public async Task Without_a_contact_there_is_no_security_txt()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");

        var response = await app.CreateClient().GetAsync("/.well-known/security.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.CacheControl?.Public);
    }

    [Theory]
    [InlineData("Contact:0", "security@example.com", "PublicSite:SecurityTxt:Contact must be mailto:, https: or tel: addresses")]
    [InlineData("Contact:0", "http://example.com/report", "PublicSite:SecurityTxt:Contact must be mailto:, https: or tel: addresses")]
    [InlineData("Contact:0", "mailto:security@example.com\nHiring: https://example.net/", "PublicSite:SecurityTxt:Contact must be")]
    [InlineData("ExpiresAfterDays", "365", "PublicSite:SecurityTxt:ExpiresAfterDays must be between 1 and 364")]
    [InlineData("ExpiresAfterDays", "0", "PublicSite:SecurityTxt:ExpiresAfterDays must be between 1 and 364")]
    [InlineData("Encryption", "-----BEGIN PGP PUBLIC KEY BLOCK-----", "PublicSite:SecurityTxt:Encryption must be the https:, dns: or openpgp4fpr: address of a key")]
    [InlineData("Policy", "http://example.com/policy", "PublicSite:SecurityTxt:Acknowledgments, Policy and Hiring must be https addresses")]
    [InlineData("PreferredLanguages", "English; German", "PublicSite:SecurityTxt:PreferredLanguages must be language tags separated by commas")]
    public async Task A_security_txt_setting_the_rfc_does_not_allow_stops_the_host_at_start(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SecCommsApp.StartAsync("sqlite",
            new Dictionary<string, string?>(Contacts) { ["PublicSite:SecurityTxt:" + key] = value }));

        Assert.Contains(message, failure.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/security.txt");
        request.Headers.IfNoneMatch.Add(etag);
        return client.SendAsync(request);
    }

    /// <summary>Every line of the file as RFC 9116 section 4 writes it: a field name, a colon, a space and a value.</summary>
    private static List<(string Name, string Value)> Fields(string text)
    {
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        return
        [
            .. lines[..^1].Select(line =>
            {
                var field = FieldLine().Match(line);
                Assert.True(field.Success, $"Not a security.txt field: {line}");
                return (field.Groups[1].Value, field.Groups[2].Value);
            }),
        ];
    }

    private static List<string> Values(List<(string Name, string Value)> fields, string name) => [.. fields.Where(f => f.Name == name).Select(f => f.Value)];

    /// <summary>The one Expires field, which RFC 9116 wants as an RFC 3339 date-time.</summary>
    private static DateTimeOffset Expires(List<(string Name, string Value)> fields)
    {
        var value = Assert.Single(Values(fields, "Expires"));
        Assert.Matches(Rfc3339(), value);
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z-]*): (\\S+( \\S+)*)$")]
    private static partial Regex FieldLine();

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$")]
    private static partial Regex Rfc3339();
}
