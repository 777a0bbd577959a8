using SecComms.Core.Communications;

namespace SecComms.Web.Pages;

/// <summary>One variant of a communication's text as its channel shows it, for <c>Shared/_ChannelText</c>.</summary>
/// <param name="Content">The revision's text.</param>
/// <param name="Channel">A channel (<see cref="Core.Policy.Channels"/>) or <see cref="SupportFaq"/>.</param>
/// <param name="Of">Whose text it is, such as SC-4, for the name of a region that scrolls.</param>
public sealed record ChannelText(CommunicationContent Content, string Channel, string Of)
{
    /// <summary>The Support FAQ: questions and answers given to support, never sent.</summary>
    public const string SupportFaq = "support-faq";
}
