using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Web.Identity;

namespace SecComms.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the embedded SQLite database (or any database whose operator set <c>Database:MigrateOnStartup</c>), then
    /// tells the operator how to create the first administrator when there is none.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecComms.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecCommsDb>();
        if (options.ShouldMigrateOnStartup)
        {
            await DatabaseSetup.MigrateAsync(db);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            logger.LogWarning("The database has pending migrations. Run `seccomms db migrate` before using SecComms.");
            return;
        }
        await scope.ServiceProvider.GetRequiredService<PolicyVersions>()
            .ActivateAsync(fileConfigured: !string.IsNullOrEmpty(app.Configuration["Policy:Path"]), actor: "system", CancellationToken.None);
        if (!await scope.ServiceProvider.GetRequiredService<UserDirectory>().AnyAdministratorAsync(CancellationToken.None))
        {
            var setup = app.Services.GetRequiredService<FirstAdministratorSetup>();
            app.Lifetime.ApplicationStarted.Register(() => logger.LogWarning(
                "No administrator exists yet. Create the first one at {SetupUrl} (the link works once, and only until this process stops), " +
                "or run: seccomms users add --email you@example.com --name \"Your Name\" --team security --admin --token",
                $"{(app.Urls.FirstOrDefault() ?? "http://localhost:5080").TrimEnd('/')}/setup?code={setup.Code}"));
        }
    }
}
