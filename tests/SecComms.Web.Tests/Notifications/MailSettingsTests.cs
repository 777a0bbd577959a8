using Microsoft.Extensions.Options;
using SecComms.Core.Data;
using SecComms.Testing;

namespace SecComms.Web.Tests.Notifications;

public sealed class MailSettingsTests
{
    [Fact]
    public async Task The_host_refuses_to_start_with_mail_settings_that_cannot_work_naming_each_key()
    {
        var refused = await Assert.ThrowsAsync<AggregateException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["Mail:Mode"] = "smtp",
            ["SecComms:BaseUrl"] = "seccomms.example.com",
        }));

        Assert.All(refused.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("(Mail:Host is required when Mail:Mode is smtp.)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(SecComms:BaseUrl must be an absolute http or https address with no query, such as https://security.example.com.)", refused.Message,
            StringComparison.Ordinal);
    }
}
