using System.Net;
using SecComms.Testing;

namespace SecComms.Web.Tests.Exceptions;

public sealed class LineBreakTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Line_breaks_as_browsers_send_them_are_kept_and_other_control_characters_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var body = ExceptionsApi.Request();
        body["justification"] = "Exploited in the wild.\r\nCustomers need the mitigation now.";

        var created = await ExceptionsApi.CreateAsync(alice.Client, body);
        Assert.Equal("Exploited in the wild.\r\nCustomers need the mitigation now.", created.GetProperty("justification").GetString());

        body["justification"] = "Exploited in the wild.\u001b[31m";
        var refused = await (await alice.Client.PostJsonAsync("/api/v1/exceptions", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("justification", out _));
    }
}
