namespace SecComms.Core.Distribution;

/// <summary>Where webhooks may point; bound from the <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Host names (matched exactly), addresses and CIDR ranges that webhooks may reach although they are inside the
    /// network, such as <c>chat.corp.example</c> or <c>10.20.0.0/16</c>; empty allows only public addresses.
    /// </summary>
    public List<string> AllowedInternalHosts { get; set; } = [];
}
