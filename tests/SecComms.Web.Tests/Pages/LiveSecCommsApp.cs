using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

/// <summary>The real web host on Kestrel at a free loopback port, so that a real browser can reach it; SQLite only.</summary>
/// <remarks><see cref="SecCommsApp"/> runs on the in-memory TestServer, which a browser cannot connect to.</remarks>
internal sealed class LiveSecCommsApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;

    private LiveSecCommsApp(TestDatabase database) => _database = database;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<LiveSecCommsApp> StartAsync()
    {
        var app = new LiveSecCommsApp(await TestDatabase.CreateAsync(DatabaseOptions.Sqlite));
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        app.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return app;
    }

    public async Task<Actor> AddUserAsync(string email, string name, string[] teams, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, name, teams, UserRole.Member, password), "test-setup", CancellationToken.None);
        return Actor.From(user);
    }

    public async Task<T> WithCommunicationsAsync<T>(Func<CommunicationService, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CommunicationService>());
    }

    /// <summary>Runs <paramref name="work"/> with the app's services in a scope of its own, as one request would.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Options.Provider);
        builder.UseSetting("Database:ConnectionString", _database.Options.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
