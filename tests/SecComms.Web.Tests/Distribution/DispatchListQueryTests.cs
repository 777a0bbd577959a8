using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Distribution;

public sealed class DispatchListQueryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_dispatches_of_a_communication_cost_the_same_queries_however_many_there_are(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var busy = await BusyCommunication.CreateAsync(app);
        var url = $"/api/v1/communications/{busy.Id}/dispatches";
        var one = await app.Queries.GetAsync(busy.Author.Client, url);

        for (var i = 0; i < 4; i++)
        {
            await (await busy.Author.Client.PostAsync($"/api/v1/communications/{busy.Id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        }
        var five = await app.Queries.GetAsync(busy.Author.Client, url);

        Assert.Single((await one.Response.JsonAsync()).EnumerateArray());
        var dispatches = (await five.Response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(5, dispatches.Count);
        Assert.All(dispatches, d => Assert.Equal(3, d.GetProperty("counts").GetProperty("queued").GetInt32()));
        Assert.True(five.Count == one.Count, $"One dispatch took {one.Count} queries, five took {five.Count}:\n{five.Listing}");
        Assert.True(five.Count <= 4, $"The dispatch list ran {five.Count} queries:\n{five.Listing}");
    }
}
