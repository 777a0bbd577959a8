using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

public sealed partial class SignInThrottleTests
{
    private const string Refused = "The email or password is incorrect, or too many attempts were made; wait a moment and try again.";

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Every_refusal_gets_the_same_status_and_the_same_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("dana@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("nopass@example.com", ["security"]);
        await app.Database.ExecuteSqlAsync("""UPDATE users SET "Disabled" = 1 WHERE "NormalizedEmail" = 'dana@example.com'""");
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(PageSession.At(app, "203.0.113.66"), "alice@example.com", $"wrong {i}");
        }

        var refusals = new (string Case, HttpResponseMessage Response, string Email)[]
        {
            ("unknown email", await SignInAsync(PageSession.At(app, "203.0.113.1"), "mallory@example.com", PageSession.Password), "mallory@example.com"),
            ("wrong password", await SignInAsync(PageSession.At(app, "203.0.113.2"), "alice@example.com", "not the password"), "alice@example.com"),
            ("disabled account", await SignInAsync(PageSession.At(app, "203.0.113.3"), "dana@example.com", PageSession.Password), "dana@example.com"),
            ("no password", await SignInAsync(PageSession.At(app, "203.0.113.4"), "nopass@example.com", PageSession.Password), "nopass@example.com"),
            ("throttled", await SignInAsync(PageSession.At(app, "203.0.113.66"), "alice@example.com", PageSession.Password), "alice@example.com"),
        };

        var pages = new List<(string Case, string Page)>();
        foreach (var (name, response, email) in refusals)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("seccomms", StringComparison.Ordinal)),
                $"{name} set a cookie");
            var page = await PageSession.TextAsync(response);
            Assert.Contains(Refused, page, StringComparison.Ordinal);
            pages.Add((name, AntiforgeryToken().Replace(page, "TOKEN").Replace(email, "EMAIL", StringComparison.Ordinal)));
        }
        foreach (var (name, page) in pages.Skip(1))
        {
            Assert.True(pages[0].Page == page, $"The page for '{name}' differs from the one for '{pages[0].Case}'.");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Every_attempt_checks_a_password_hash_and_counts_the_failure_whether_or_not_the_account_exists(string provider)
    {
        var hasher = default(CountingPasswordHasher);
        await using var app = await SecCommsApp.StartAsync(provider, services: services => services.AddSingleton<IPasswordHasher<User>>(provider =>
            hasher = ActivatorUtilities.CreateInstance<CountingPasswordHasher>(provider)));
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("dana@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("nopass@example.com", ["security"]);
        await app.Database.ExecuteSqlAsync("""UPDATE users SET "Disabled" = 1 WHERE "NormalizedEmail" = 'dana@example.com'""");

        var attempts = new (string Email, string Password)[]
        {
            ("alice@example.com", "not the password"),
            ("mallory@example.com", PageSession.Password),
            ("dana@example.com", PageSession.Password),
            ("nopass@example.com", PageSession.Password),
        };
        foreach (var (i, (email, password)) in attempts.Index())
        {
            var before = (hasher!.Verifications, Throttles: await ThrottleRowsAsync(app));
            await SignInAsync(PageSession.At(app, $"198.51.100.{i + 1}"), email, password);

            Assert.True(hasher.Verifications == before.Verifications + 1, $"{email}: {hasher.Verifications - before.Verifications} password checks");
            Assert.True(await ThrottleRowsAsync(app) == before.Throttles + 3, $"{email}: failure not counted per client, per client and account, per account");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Failing_on_purpose_from_elsewhere_does_not_keep_the_owner_out(string provider)
    {
        var hasher = default(CountingPasswordHasher);
        await using var app = await SecCommsApp.StartAsync(provider, services: services => services.AddSingleton<IPasswordHasher<User>>(provider =>
            hasher = ActivatorUtilities.CreateInstance<CountingPasswordHasher>(provider)));
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("carol@example.com", ["security"], password: PageSession.Password);
        const string home = "198.51.100.10";

        var attacker = PageSession.At(app, "203.0.113.9");
        var checksBefore = hasher!.Verifications;
        for (var i = 1; i <= 50; i++)
        {
            await SignInAsync(attacker, "alice@example.com", $"guess {i}");
        }
        Assert.Equal(5, hasher.Verifications - checksBefore);
        var alicesLaptop = PageSession.At(app, home);
        await AssertSignsInAsync(alicesLaptop, "alice@example.com");

        for (var i = 1; i <= 50; i++)
        {
            await SignInAsync(PageSession.At(app, $"203.0.113.{100 + i}"), "alice@example.com", $"guess {i}");
        }

        await AssertRefusedAsync(PageSession.At(app, "192.0.2.44"), "alice@example.com");
        await AssertRefusedAsync(PageSession.At(app, home), "alice@example.com");
        var carolsLaptop = PageSession.At(app, home);
        await AssertSignsInAsync(carolsLaptop, "carol@example.com");
        await AssertRefusedAsync(carolsLaptop, "alice@example.com");
        await AssertSignsInAsync(PageSession.At(app, home), "carol@example.com");
        await AssertSignsInAsync(alicesLaptop, "alice@example.com");
        await AssertSignsInAsync(alicesLaptop.MovedTo("192.0.2.200"), "alice@example.com");
        Assert.Contains("user:", await AuditEntityAsync(app, "user.sign-in-throttled", "account"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Repeated_failures_from_one_client_are_refused_for_longer_and_longer(string provider)
    {
        var hasher = default(CountingPasswordHasher);
        await using var app = await SecCommsApp.StartAsync(provider, services: services => services.AddSingleton<IPasswordHasher<User>>(provider =>
            hasher = ActivatorUtilities.CreateInstance<CountingPasswordHasher>(provider)));
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var browser = PageSession.At(app, "2001:db8:5:6::1");

        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(browser, "alice@example.com", $"wrong {i}");
        }
        var checks = hasher!.Verifications;
        await AssertRefusedAsync(browser, "alice@example.com");
        await AssertRefusedAsync(browser.MovedTo("2001:db8:5:6::99"), "alice@example.com");
        Assert.Equal(checks, hasher.Verifications);
        await AssertSignsInAsync(PageSession.At(app, "2001:db8:5:7::1"), "alice@example.com");

        app.Time.Advance(TimeSpan.FromSeconds(15));
        await SignInAsync(browser, "alice@example.com", "wrong 6");
        app.Time.Advance(TimeSpan.FromSeconds(29));
        await AssertRefusedAsync(browser, "alice@example.com");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertSignsInAsync(browser, "alice@example.com");
        var throttled = await AuditEntityAsync(app, "user.sign-in-throttled", "client-and-account");
        Assert.StartsWith("user:", throttled, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_burst_of_simultaneous_guesses_checks_no_more_passwords_than_one_at_a_time(string provider)
    {
        var hasher = default(CountingPasswordHasher);
        await using var app = await SecCommsApp.StartAsync(provider, services: services => services.AddSingleton<IPasswordHasher<User>>(provider =>
            hasher = ActivatorUtilities.CreateInstance<CountingPasswordHasher>(provider)));
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var browsers = Enumerable.Range(0, 20).Select(_ => PageSession.At(app, "203.0.113.9")).ToList();
        var tokens = await Task.WhenAll(browsers.Select(b => b.AntiforgeryTokenAsync("/signin")));
        var checksBefore = hasher!.Verifications;

        var answers = await Task.WhenAll(browsers.Select((b, i) => b.Client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "alice@example.com",
            ["Password"] = $"guess {i}",
            ["__RequestVerificationToken"] = tokens[i],
        }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(5, hasher.Verifications - checksBefore);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task One_client_trying_many_emails_is_refused_and_others_are_not(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("bob@example.com", ["security"], password: PageSession.Password);
        var sprayer = PageSession.At(app, "203.0.113.77");

        for (var i = 1; i <= 30; i++)
        {
            await SignInAsync(sprayer, $"person{i}@example.com", "Summer2026!");
        }

        await AssertRefusedAsync(sprayer, "bob@example.com");
        await AssertSignsInAsync(PageSession.At(app, "198.51.100.20"), "bob@example.com");
        Assert.Equal("sign-in:203.0.113.77", await AuditEntityAsync(app, "user.sign-in-throttled", "client"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_is_throttled_on_its_own(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?> { ["Proxies:Trusted:0"] = "10.0.0.0/24" });
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("bob@example.com", ["security"], password: PageSession.Password);
        PageSession Through(string proxy, string client)
        {
            var browser = PageSession.At(app, proxy);
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            return browser;
        }

        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(Through("10.0.0.5", "203.0.113.9"), "alice@example.com", $"guess {i}");
        }
        await AssertRefusedAsync(Through("10.0.0.5", "203.0.113.9"), "alice@example.com");
        await AssertSignsInAsync(Through("10.0.0.5", "198.51.100.10"), "alice@example.com");

        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(Through("192.0.2.7", $"198.51.100.{i}"), "bob@example.com", $"guess {i}");
        }
        await AssertRefusedAsync(Through("192.0.2.7", "198.51.100.99"), "bob@example.com");
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_throttle_or_proxy_settings_that_cannot_work()
    {
        var account = await Assert.ThrowsAsync<OptionsValidationException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["Identity:SignInFailuresPerAccount"] = "0",
            ["Identity:SignInMaximumDelay"] = "00:00:01",
        }));
        var proxies = await Assert.ThrowsAsync<OptionsValidationException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["Proxies:Trusted:0"] = "the load balancer",
        }));

        Assert.Contains("Identity:SignInFailuresPerAccount must be 1 or more, not 0.", account.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:SignInMaximumDelay (00:00:01) must be at least SignInFirstDelay (00:00:15).", account.Message, StringComparison.Ordinal);
        Assert.Contains("Proxies:Trusted must list IP addresses or networks", proxies.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAsync(PageSession browser, string email, string password) =>
        await browser.SubmitAsync("/signin", new() { ["Email"] = email, ["Password"] = password });

    private static async Task AssertSignsInAsync(PageSession browser, string email)
    {
        var response = await SignInAsync(browser, email, PageSession.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{email} was not signed in: {await PageSession.TextAsync(response)}");
    }

    private static async Task AssertRefusedAsync(PageSession browser, string email)
    {
        var response = await SignInAsync(browser, email, PageSession.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await PageSession.TextAsync(response), StringComparison.Ordinal);
    }

    private static async Task<int> ThrottleRowsAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        return await db.SignInThrottles.CountAsync();
    }

    /// <summary>The entity of the latest event of <paramref name="action"/> whose data names <paramref name="throttle"/>.</summary>
    private static async Task<string> AuditEntityAsync(SecCommsApp app, string action, string throttle)
    {
        await using var db = app.Database.CreateContext();
        var events = await db.AuditEvents.Where(e => e.Action == action).OrderByDescending(e => e.Seq).ToListAsync();
        var found = events.FirstOrDefault(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("throttles").EnumerateArray().Any(t => t.GetString() == throttle));
        Assert.True(found is not null, $"No {action} event for the {throttle} throttle among {events.Count}.");
        return found.Entity;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();
}
