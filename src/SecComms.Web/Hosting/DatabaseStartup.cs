using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Web.Identity;

namespace SecComms.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the embedded SQLite database (or any database whose operator set <c>Database:MigrateOnStartup</c>), fills
    /// it with the demo company when asked, then tells the operator how to create the first administrator when there is none.
    /// </summary>
    /// <returns>False when the host must not start: the demo was asked for on a database that holds data.</returns>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, bool demo = false)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecComms.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecCommsDb>();
        if (options.ShouldMigrateOnStartup)
        {
            if (await DatabaseSetup.MigrateAsync(db) is { } backup)
            {
                logger.LogInformation("The database was copied to {Backup} before migrating; restore that copy if a migration was interrupted.", backup);
            }
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            logger.LogWarning("The database has pending migrations. Run `seccomms db migrate` before using SecComms.");
            return !demo;
        }
        logger.LogInformation("Sign-in cookies are protected by keys kept unencrypted in the database: whoever can read the database " +
            "can forge a session, so keep it as private as the communications in it.");
        await scope.ServiceProvider.GetRequiredService<PolicyVersions>()
            .ActivateAsync(fileConfigured: !string.IsNullOrEmpty(app.Configuration["Policy:Path"]), actor: "system", CancellationToken.None);
        if (demo && !await DemoData.SeedAsync(app, logger))
        {
            return false;
        }
        if (!await scope.ServiceProvider.GetRequiredService<UserDirectory>().AnyAdministratorAsync(CancellationToken.None))
        {
            var setup = app.Services.GetRequiredService<FirstAdministratorSetup>();
            app.Lifetime.ApplicationStarted.Register(() => logger.LogWarning(
                "\n\n    No administrator exists yet. Create the first one at:\n\n    {SetupUrl}\n\n" +
                "    The link works once, and only until this process stops. Or run:\n" +
                "    seccomms users add --email you@example.com --name \"Your Name\" --team security --admin --token\n",
                $"{app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.Root}setup?code={setup.Code}"));
        }
        return true;
    }
}
