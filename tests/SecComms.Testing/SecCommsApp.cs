using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Testing;

/// <summary>The real web host on a real, fresh database, with a clock the test controls.</summary>
public sealed class SecCommsApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _services;

    /// <remarks>
    /// Every test host would otherwise watch its configuration files, and the machine allows a user only a few file
    /// watchers; tests never change configuration files while a host runs. Static files are versioned for their links
    /// (<c>asp-append-version</c>), which watches them too: a polling watcher needs no inotify instance.
    /// </remarks>
    static SecCommsApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private SecCommsApp(TestDatabase database, Dictionary<string, string?> settings, bool ownsDatabase, Action<IServiceCollection>? services)
    {
        Database = database;
        _settings = settings;
        _ownsDatabase = ownsDatabase;
        _services = services;
    }

    /// <summary>
    /// The header a test sets to say which client address its request comes from (<see cref="TestClientAddresses"/>);
    /// the host itself trusts no such header.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The SQL commands of the requests a test sends through it.</summary>
    public CountedQueries Queries { get; } = new();

    /// <summary>The pickup directory this app writes its email to.</summary>
    public string MailFolder => _settings["Mail:PickupDirectory"] ?? "";

    /// <summary>A host on a fresh migrated database, with <paramref name="settings"/> and any changes to its services (such as a real service wrapped to count its calls).</summary>
    public static async Task<SecCommsApp> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null) =>
        Start(await TestDatabase.CreateMigratedAsync(provider), settings, ownsDatabase: true, services);

    /// <summary>Another node on a database some other app owns, as a second web server behind a load balancer would be.</summary>
    public static SecCommsApp StartAnotherNode(SecCommsApp first) => Start(first.Database, null, ownsDatabase: false, null);

    private static SecCommsApp Start(TestDatabase database, IReadOnlyDictionary<string, string?>? settings, bool ownsDatabase,
        Action<IServiceCollection>? services)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Options.Provider,
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["SecComms:BaseUrl"] = "http://localhost",
            ["Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "seccomms-mail-" + Guid.NewGuid().ToString("N")),
            // Tests plan and send notifications themselves, so that what they count is settled when they look.
            ["Notifications:Enabled"] = "false",
            ["Distribution:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = new SecCommsApp(database, all, ownsDatabase, services);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.Configure<PasswordHasherOptions>(CheapPasswordHashes);
            services.AddTransient<IStartupFilter, TestClientAddresses>();
            services.AddTransient(_ => Queries.Marking);
            services.ConfigureDbContext<SecCommsDb>(options => options.AddInterceptors(Queries.Interceptor));
            _services?.Invoke(services);
        });
    }

    /// <summary>
    /// One hashing round instead of the product's 100,000: tests sign in hundreds of times and are not what an attacker
    /// with a stolen database would face. Hashes stay real PBKDF2 hashes, checked the same way.
    /// </summary>
    public static void CheapPasswordHashes(PasswordHasherOptions options) => options.IterationCount = 1;

    /// <summary>Adds a person directly, as <c>seccomms users add</c> does, and returns them with a fresh token.</summary>
    public async Task<TestUser> AddUserAsync(string email, string[] teams, UserRole role = UserRole.Member, string? password = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, email.Split('@')[0], teams, role, password), new TeamGrantor.InstallationOperator("test-setup", "The test setup"), CancellationToken.None);
        var token = await scope.ServiceProvider.GetRequiredService<AccessTokens>()
            .IssueAsync(Actor.From(user), "test", null, null, CancellationToken.None);
        return new TestUser(user.Id, email, token.Secret!, ClientWithToken(token.Secret!));
    }

    /// <summary>One run of the scheduler, as the background service does it every second: the count it published.</summary>
    public async Task<int> PublishDueAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowService>().PublishDueAsync(CancellationToken.None);
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

public sealed record TestUser(Guid Id, string Email, string Token, HttpClient Client);
