using System.Text;
using Microsoft.Extensions.Options;
using SecComms.Core;
using SecComms.Core.Errors;
using SecComms.Core.Seeding;

namespace SecComms.Web.Hosting;

/// <summary><c>--demo</c>: fills an empty database with the demo company and prints how each of its people signs in.</summary>
public static class DemoData
{
    public const string Switch = "--demo";

    public static async Task<bool> SeedAsync(WebApplication app, ILogger logger)
    {
        await using var scope = app.Services.CreateAsyncScope();
        IReadOnlyList<SeededPerson> people;
        try
        {
            people = await scope.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(CancellationToken.None);
        }
        catch (ConflictException refused)
        {
            logger.LogCritical("{Reason} Start with --demo on a new database (for example with Database:ConnectionString naming a new file), or without --demo.",
                refused.Message);
            return false;
        }
        var signIn = $"{app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.Root}signin";
        var table = new StringBuilder($"\n\n    The demo company is ready. Sign in at {signIn} as any of these people:\n\n");
        foreach (var person in people)
        {
            var teams = person.Actor.Teams.Count == 0 ? "" : string.Join(", ", person.Actor.Teams);
            table.Append(FormattableString.Invariant($"    {person.Actor.Email,-20} {person.Password}  {person.Name}, {person.Actor.Role.ToString().ToLowerInvariant()}{(teams.Length > 0 ? $", {teams}" : "")}\n"));
        }
        app.Lifetime.ApplicationStarted.Register(() => logger.LogWarning("{People}", table.ToString()));
        return true;
    }
}
