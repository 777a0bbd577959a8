using System.Net;
using System.Net.Http.Json;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class VisibilityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_exception_for_a_confidential_communication_does_not_exist_for_those_who_cannot_see_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var pat = await app.AddUserAsync("pat@example.com", ["product"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        await ExceptionsApi.SetApproversAsync(admin.Client, "security, product");
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Customer data exposed through the export API", "incident-response",
            participants: ["lee@example.com"]);
        var hidden = await ExceptionsApi.CreateAsync(lee.Client, ExceptionsApi.Request(incident.Id(), ["incident-contained"]));
        var open = await ExceptionsApi.CreateAsync(lee.Client);
        var id = hidden.Id();
        var before = await app.ExceptionSnapshotAsync();

        foreach (var outsider in new[] { pat, mo, admin })
        {
            var missing = await (await outsider.Client.GetAsync($"/api/v1/exceptions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
            var read = await (await outsider.Client.GetAsync($"/api/v1/exceptions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(missing.GetProperty("title").GetString(), read.GetProperty("title").GetString());
            Assert.Equal($"There is no policy exception {id}.", read.Detail());
            await (await ExceptionsApi.ApproveAsync(outsider.Client, id)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await ExceptionsApi.RejectAsync(outsider.Client, id, "No")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await ExceptionsApi.RevokeAsync(outsider.Client, id, "No")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await ExceptionsApi.ExtendAsync(outsider.Client, id)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(["EX-2"], await ExceptionsApi.ReferencesAsync(outsider.Client));
            Assert.Empty(await ExceptionsApi.ReferencesAsync(outsider.Client, $"?communicationId={incident.Id()}"));
            await (await outsider.Client.PostAsJsonAsync("/api/v1/exceptions", ExceptionsApi.Request(incident.Id(), ["incident-contained"])))
                .AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(before, await app.ExceptionSnapshotAsync());

        Assert.Equal(["EX-2", "EX-1"], await ExceptionsApi.ReferencesAsync(lee.Client));
        Assert.Equal(["EX-1"], await ExceptionsApi.ReferencesAsync(alice.Client, $"?communicationId={incident.Id()}"));
        Assert.Equal(["alice@example.com"], (await app.NotificationsAsync($"exception-requested:{id}:")).Select(n => n.Recipient));
        Assert.Equal(["alice@example.com", "pat@example.com"], (await app.NotificationsAsync($"exception-requested:{open.Id()}:")).Select(n => n.Recipient));
        var approved = await (await ExceptionsApi.ApproveAsync(alice.Client, id)).JsonAsync();
        Assert.True(approved.GetProperty("communication").GetProperty("confidential").GetBoolean());
        Assert.DoesNotContain("export API", Assert.Single(await app.NotificationsAsync($"exception-decided:{id}:")).Body, StringComparison.Ordinal);
    }
}
