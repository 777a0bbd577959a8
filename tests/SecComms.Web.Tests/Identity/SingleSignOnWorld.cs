using Microsoft.EntityFrameworkCore;
using SecComms.Testing.SingleSignOn;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

/// <summary>A SecComms host on a real port and the OpenID provider it trusts, each knowing the other's address.</summary>
internal sealed class SingleSignOnWorld(LiveSecCommsApp app, OpenIdProvider provider) : IAsyncDisposable
{
    public LiveSecCommsApp App { get; } = app;

    public OpenIdProvider Provider { get; } = provider;

    /// <param name="settings">SecComms settings beside the provider's (<see cref="OpenIdProvider.Settings"/>).</param>
    public static async Task<SingleSignOnWorld> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var address = LiveSecCommsApp.SpareAddress();
        var provider = await OpenIdProvider.StartAsync(address);
        try
        {
            return new SingleSignOnWorld(await LiveSecCommsApp.StartAsync(provider.Settings(settings), address), provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public Uri At(string path) => new(App.BaseAddress, path);

    public async Task<IReadOnlyList<string>> TeamsAsync(string email)
    {
        await using var db = App.Database.CreateContext();
        return await db.TeamMemberships.Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == email)).Select(t => t.Team).OrderBy(t => t).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
