using SecComms.Core.Errors;
using SecComms.Core.Policy;

namespace SecComms.Core.Communications;

public static class PolicyCategories
{
    /// <summary>The communication's category in the policy in force; a category the policy dropped refuses the change.</summary>
    public static Category CategoryOf(this SecCommsPolicy policy, Communication communication) =>
        policy.FindCategory(communication.Category)
            ?? throw new ConflictException($"{communication.Reference} is in category {communication.Category}, which the policy in force no longer has.");
}
