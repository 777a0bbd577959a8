using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
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
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private LiveSecCommsApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings, Uri? address)
    {
        _database = database;
        _settings = settings ?? new Dictionary<string, string?>();
        BaseAddress = address ?? SpareAddress();
    }

    public Uri BaseAddress { get; }

    public TestDatabase Database => _database;

    /// <summary>An address on loopback no one listens on yet, for a host to start at once something else knows it (such as an OpenID provider).</summary>
    public static Uri SpareAddress() => new($"http://127.0.0.1:{WebHostProcess.SparePort()}/");

    /// <param name="settings">Configuration the host starts with, beside the database's.</param>
    /// <param name="address">Where it listens; unset, a spare port.</param>
    public static async Task<LiveSecCommsApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Uri? address = null)
    {
        var app = new LiveSecCommsApp(await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite), settings, address);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, app.BaseAddress.Port));
        app.StartServer();
        return app;
    }

    public async Task<Actor> AddUserAsync(string email, string name, string[] teams, string password, UserRole role = UserRole.Member)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, name, teams, role, password), new TeamGrantor.InstallationOperator("test-setup", "The test setup"), CancellationToken.None);
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

    /// <summary>Runs SQL on the app's database file behind its back, as someone with access to the file could.</summary>
    public Task<int> ExecuteSqlAsync(string sql) => _database.ExecuteSqlAsync(sql);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Options.Provider);
        builder.UseSetting("Database:ConnectionString", _database.Options.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("SecComms:BaseUrl", BaseAddress.AbsoluteUri);
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(SecCommsApp.CheapPasswordHashes));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
