using SecComms.Core.Communications;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Web.Pages.Communications;

/// <summary>A step the page offers, each shown only when the page's permission answers (from Core) allow it.</summary>
public enum ReviewAction
{
    Decide,
    AnswerSafe,
    Submit,
    ShipWithRelease,
    Publish,
    Schedule,
    Advice,
    Withdraw,
    NoPublicNotification,
}

/// <summary>One way the text goes out: the web page, the email, the short text or the Support FAQ.</summary>
/// <param name="Key">Its channel (<see cref="Channels"/>, or <see cref="ChannelText.SupportFaq"/>), the <c>view</c> in the page's address.</param>
/// <param name="Name">Its tab's name.</param>
/// <param name="Sent">Whether the category sends it; the Support FAQ is given to support, never sent.</param>
public sealed record ChannelTab(string Key, string Name, bool Sent);

/// <remarks>
/// The page puts the text under review first, and beside it where it stands and the one step the reader may take now;
/// which steps the reader may take at all is decided by the permission answers above, never here.
/// </remarks>
public sealed partial class DetailsModel
{
    private const string WebView = Channels.Web;

    /// <summary>The channels to show, in the order the tabs list them.</summary>
    public IReadOnlyList<ChannelTab> ChannelTabs { get; private set; } = [];

    /// <summary>The channel shown first: the one the address asks for, or the first the category sends.</summary>
    public string ChannelView { get; private set; } = WebView;

    /// <summary>What changed since the latest earlier revision a stage approved; null when there is none.</summary>
    public ChangesSinceApproved? ChangesSinceApproved { get; private set; }

    /// <summary>Every step the reader may take now, the likeliest next first.</summary>
    public IReadOnlyList<ReviewAction> Actions
    {
        get
        {
            var actions = new List<ReviewAction>();
            void Offer(bool allowed, ReviewAction action)
            {
                if (allowed)
                {
                    actions.Add(action);
                }
            }
            Offer(DecidableStage is not null, ReviewAction.Decide);
            Offer(CanSubmit && CanAnswerSafe && Requirements?.Safe.State == SafeState.Missing, ReviewAction.AnswerSafe);
            Offer(CanSubmit, ReviewAction.Submit);
            Offer(CanShipWithRelease && Communication?.ShipsWithRelease == false, ReviewAction.ShipWithRelease);
            Offer(CanPublish, ReviewAction.Publish);
            Offer(CanSchedule, ReviewAction.Schedule);
            Offer(AdviceTeam is not null, ReviewAction.Advice);
            Offer(CanShipWithRelease && Communication?.ShipsWithRelease == true, ReviewAction.ShipWithRelease);
            Offer(CanWithdraw, ReviewAction.Withdraw);
            Offer(CanDecideNoPublicNotification, ReviewAction.NoPublicNotification);
            return actions;
        }
    }

    /// <summary>The one step the side panel offers; never one that ends the communication, which waits below with a confirmation.</summary>
    public ReviewAction? PrimaryAction =>
        Actions.Where(a => a is not (ReviewAction.Withdraw or ReviewAction.NoPublicNotification)).Select(a => (ReviewAction?)a).FirstOrDefault();

    public IReadOnlyList<ReviewAction> OtherActions => [.. Actions.Where(a => a != PrimaryAction)];

    public static string ActionName(ReviewAction action) => action switch
    {
        ReviewAction.Decide => "approve or reject",
        ReviewAction.AnswerSafe => "answer the SAFE questions",
        ReviewAction.Submit => "submit for review",
        ReviewAction.ShipWithRelease => "ship with its release",
        ReviewAction.Publish => "publish",
        ReviewAction.Schedule => "schedule",
        ReviewAction.Advice => "give advice",
        ReviewAction.Withdraw => "withdraw",
        ReviewAction.NoPublicNotification => "close with no public notification",
        _ => action.ToString(),
    };

    /// <summary>Whether the page is where its author prepares it: a draft the reader may change, with its forms open.</summary>
    public bool Preparing => CanWrite && Communication?.Status == CommunicationStatus.Draft;

    /// <summary>The stage that waits now, if it is in review.</summary>
    public StageView? WaitingStage =>
        Communication?.Status == CommunicationStatus.InReview ? Requirements?.Stages.FirstOrDefault(s => s.State == StageState.Waiting) : null;

    private void ArrangeChannels(Category? category, string? view)
    {
        var content = Communication!.Revision.Content;
        bool Sends(string channel) => category?.Channels.Contains(channel) == true;
        var tabs = new List<ChannelTab>
        {
            new(Channels.Web, "Web page", Sends(Channels.Web)),
            new(Channels.Email, "Email", Sends(Channels.Email)),
            new(Channels.Social, "Short text", Sends(Channels.Social)),
        };
        if (content.SupportFaq.Length > 0 || category?.Template.SupportFaq.Length > 0)
        {
            tabs.Add(new(ChannelText.SupportFaq, "Support FAQ", false));
        }
        ChannelTabs = tabs;
        ChannelView = tabs.FirstOrDefault(t => t.Key == view)?.Key ?? tabs.FirstOrDefault(t => t.Sent)?.Key ?? WebView;
        ChangesSinceApproved = ChangesSinceApproved.Of(Communication, Approvals);
    }
}
