using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Communications;

/// <summary>The things a person may do with a communication, each decided in <see cref="CommunicationPermissions"/>.</summary>
public enum CommunicationOperation
{
    Edit,
    Submit,
    Decide,
    Schedule,
    Publish,
    Withdraw,
    /// <summary>Change the release, the incident and the embargo its disclosure waits for.</summary>
    ChangeLinks,
    /// <summary>Choose who its email goes to.</summary>
    ChangeAudience,
    TestSend,
    SwitchEmergency,
    /// <summary>Arm it to be published with its release, or disarm it.</summary>
    ShipWithRelease,
}

/// <summary>
/// Who may do what with a communication they can see. Writers (not viewers) edit, submit and decide their team's
/// stages; publishing, scheduling, withdrawing and changing what is disclosed with it (its links, embargo and audience)
/// belong to its category's owner team and the policy's <c>publishers</c>; emergency mode to the owner team and security.
/// </summary>
/// <remarks>
/// Whether the communication's state allows an operation is the lifecycle's business, which this answers only for a
/// communication that is out: every operation on it is refused, so it allows none.
/// </remarks>
public sealed class CommunicationPermissions(SecCommsPolicy policy)
{
    public bool May(Actor actor, Communication communication, CommunicationOperation operation)
    {
        if (!actor.CanWrite)
        {
            return false;
        }
        var owner = policy.CategoryOf(communication).Owner;
        return operation switch
        {
            CommunicationOperation.Edit or CommunicationOperation.Submit or CommunicationOperation.Decide => true,
            CommunicationOperation.SwitchEmergency => actor.IsInTeam(owner) || actor.IsInTeam(Actor.SecurityTeam),
            _ => actor.IsInTeam(owner) || policy.Publishers.Any(actor.IsInTeam),
        };
    }

    /// <summary>Every operation <paramref name="actor"/> may perform, as the names views carry; none once it is out.</summary>
    public IReadOnlyList<string> Allowed(Actor actor, Communication communication) =>
        communication.IsOut ? [] : [.. Enum.GetValues<CommunicationOperation>().Where(o => May(actor, communication, o)).Select(KebabNames.Of)];

    public void Require(Actor actor, Communication communication, CommunicationOperation operation)
    {
        if (May(actor, communication, operation))
        {
            return;
        }
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers read communications but change nothing.");
        }
        var category = policy.CategoryOf(communication);
        if (operation == CommunicationOperation.SwitchEmergency)
        {
            throw new ForbiddenException(
                $"Only the {Actor.SecurityTeam} team or the owner team of a {category.Key} ({category.Owner}) may switch emergency mode; you are in neither.");
        }
        var teams = string.Join(" or ", policy.Publishers.Prepend(category.Owner).Distinct());
        throw new ForbiddenException(
            $"Only the {teams} team may {Describe(operation)} a {category.Key} such as {communication.Reference}; you are not in it.");
    }

    private static string Describe(CommunicationOperation operation) => operation switch
    {
        CommunicationOperation.ChangeLinks => "change the release, incident or embargo of",
        CommunicationOperation.ChangeAudience => "choose the audience of",
        CommunicationOperation.TestSend => "test-send",
        CommunicationOperation.ShipWithRelease => "arm to ship with its release",
        _ => KebabNames.Of(operation).Replace('-', ' '),
    };
}
