using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Identity;

namespace SecComms.Web.Tests.Pages;

public sealed class SetupPageTests
{
    private static Dictionary<string, string> Administrator(string password = PageSession.Password, string? confirm = null) => new()
    {
        ["Email"] = "root@example.com",
        ["Name"] = "Rosa Root",
        ["Teams"] = "security",
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password,
    };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_setup_link_creates_the_first_administrator_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var code = app.Services.GetRequiredService<FirstAdministratorSetup>().Code;
        var session = PageSession.Anonymous(app);

        var wrong = WebUtility.HtmlDecode(await session.GetHtmlAsync("/setup?code=0123456789abcdef", HttpStatusCode.NotFound));
        Assert.Contains("This setup link cannot be used.", wrong, StringComparison.Ordinal);

        var response = await session.SubmitAsync($"/setup?code={code}", Administrator());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains("Rosa Root", await session.GetHtmlAsync("/"), StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            var root = await db.Users.Include(u => u.Teams).SingleAsync();
            Assert.Equal((UserRole.Admin, "security"), (root.Role, Assert.Single(root.Teams).Team));
        }

        var again = PageSession.Anonymous(app);
        var used = WebUtility.HtmlDecode(await again.GetHtmlAsync($"/setup?code={code}", HttpStatusCode.NotFound));
        Assert.Contains("This setup link cannot be used.", used, StringComparison.Ordinal);
        var replay = await again.SubmitAsync("/signin", Administrator(), action: $"/setup?code={code}");
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);

        var signIn = await again.SubmitAsync("/signin", new() { ["Email"] = "root@example.com", ["Password"] = PageSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task With_password_sign_in_off_the_first_administrator_is_asked_no_password_and_gets_none()
    {
        await using var app = await SecCommsApp.StartAsync(SecComms.Core.Data.DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            // Never contacted: the setup neither signs in nor out through the provider.
            ["SingleSignOn:Authority"] = "http://127.0.0.1:9",
            ["SingleSignOn:ClientId"] = "seccomms",
            ["SingleSignOn:ClientSecret"] = "not-a-real-secret",
            ["SingleSignOn:Groups:0:Group"] = "secops",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
            ["SingleSignOn:DisplayName"] = "Example ID",
            ["SingleSignOn:RequireHttpsMetadata"] = "false",
            ["SingleSignOn:LocalPasswords"] = "false",
        });
        var code = app.Services.GetRequiredService<FirstAdministratorSetup>().Code;
        var session = PageSession.Anonymous(app);

        var form = WebUtility.HtmlDecode(await session.GetHtmlAsync($"/setup?code={code}"));
        Assert.DoesNotContain("type=\"password\"", form, StringComparison.Ordinal);
        Assert.Contains("you will sign in through Example ID with this email", form, StringComparison.Ordinal);
        var response = await session.SubmitAsync($"/setup?code={code}", new()
        {
            ["Email"] = "root@example.com",
            ["Name"] = "Rosa Root",
            ["Teams"] = "security",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Rosa Root", await session.GetHtmlAsync("/"), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var root = await db.Users.SingleAsync();
        Assert.Equal(UserRole.Admin, root.Role);
        Assert.Null(root.PasswordHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_mistyped_confirmation_or_a_short_password_keeps_the_link_usable(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var code = app.Services.GetRequiredService<FirstAdministratorSetup>().Code;
        var session = PageSession.Anonymous(app);

        var mistyped = await PageSession.TextAsync(await session.SubmitAsync($"/setup?code={code}", Administrator(confirm: "something else entirely")));
        var tooShort = await PageSession.TextAsync(await session.SubmitAsync($"/setup?code={code}", Administrator("short")));

        Assert.Contains("The two passwords are not the same.", mistyped, StringComparison.Ordinal);
        Assert.Contains("password must be at least 12 characters.", tooShort, StringComparison.Ordinal);
        var response = await session.SubmitAsync($"/setup?code={code}", Administrator());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_blank_team_is_ignored_and_a_refused_form_keeps_the_link_usable(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var code = app.Services.GetRequiredService<FirstAdministratorSetup>().Code;
        var session = PageSession.Anonymous(app);
        var refused = Administrator("short");
        refused["Teams"] = "";
        var blank = Administrator();
        blank["Teams"] = " ";

        var response = await session.SubmitAsync($"/setup?code={code}", refused);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.TextAsync(response);
        Assert.Contains("password must be at least 12 characters.", html, StringComparison.Ordinal);
        Assert.Contains("Create administrator", html, StringComparison.Ordinal);
        var created = await session.SubmitAsync($"/setup?code={code}", blank);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Rosa Root", await session.GetHtmlAsync("/"), StringComparison.Ordinal);
    }
}
