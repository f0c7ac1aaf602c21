using Scheduler.Service.Api;

namespace Scheduler.UnitTests.Service.Api;

public sealed class AuditCursorTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_reads_back_as_the_entry_it_was_made_from(long id)
    {
        Assert.True(AuditCursor.TryDecode(new AuditCursor(id).Encode(), out var read));
        Assert.Equal(id, read.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90LWEtY3Vyc29y")] // "not-a-cursor"
    [InlineData("YXVkaXQ6MA")] // "audit:0"
    [InlineData("YXVkaXQ6LTU")] // "audit:-5"
    public void Text_this_api_did_not_make_is_not_a_cursor(string text) =>
        Assert.False(AuditCursor.TryDecode(text, out _));
}
