using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Distribution;

/// <summary>Contacts are customers' personal data: only administrators and the manager teams read or change them.</summary>
public sealed class AudienceAccess(IOptions<DistributionOptions> options)
{
    public bool CanRead(Actor actor) => actor.IsAdmin || options.Value.ManagerTeams.Any(actor.IsInTeam);

    public void RequireRead(Actor actor)
    {
        if (!CanRead(actor))
        {
            throw new ForbiddenException($"Only administrators and the {string.Join(", ", options.Value.ManagerTeams)} teams see customer contacts.");
        }
    }

    public void RequireWrite(Actor actor)
    {
        RequireRead(actor);
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers can read audiences but not change them.");
        }
    }
}
