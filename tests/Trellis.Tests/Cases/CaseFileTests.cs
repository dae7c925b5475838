using Trellis.Cases;

namespace Trellis.Tests.Cases;

public class CaseFileTests
{
    private static FilingSpec Spec(string key, long count = 1, DateOnly? deadline = null, string authority = "Japan Customs (Ministry of Finance)") =>
        new(key, key, "jpn", "permit", key, authority, count, deadline, deadline is null, "high", "Customs Act, Art. 67", null, ["rifles"]);

    private static readonly DateOnly March1 = new(2027, 3, 1);

    [Fact]
    public void Amendment_TellsAddedRemovedChangedAndUnchangedApart()
    {
        var before = new[] { Spec("a", deadline: March1), Spec("b", deadline: March1), Spec("c", deadline: March1) };
        var after = new[] { Spec("a", deadline: March1), Spec("b", count: 3, deadline: null), Spec("d", deadline: March1) };
        var amendment = Amendment.Between(before, after);
        Assert.Equal(["d"], amendment.Added.Select(f => f.Key));
        Assert.Equal(["c"], amendment.Removed.Select(f => f.Key));
        Assert.Equal(["a"], amendment.Unchanged.Select(f => f.Key));
        var (_, changed, changes) = Assert.Single(amendment.Changed);
        Assert.Equal("b", changed.Key);
        Assert.Equal(["count 1 → 3", "deadline 2027-03-01 → unknown"], changes);
        Assert.False(amendment.IsEmpty);
        Assert.True(Amendment.Between(before, before).IsEmpty);
    }

    [Theory]
    [InlineData(FilingStatus.Approved, FilingStatus.Submitted)]
    [InlineData(FilingStatus.NeedMoreInfo, FilingStatus.Submitted)]
    [InlineData(FilingStatus.Draft, FilingStatus.Draft)]
    [InlineData(FilingStatus.Withdrawn, FilingStatus.Withdrawn)]
    public void Reopened_SendsAChangedFilingBackToTheHost(FilingStatus status, FilingStatus reopened) =>
        Assert.Equal(reopened, Amendment.Reopened(status));

    [Fact]
    public void DueOn_UnknownDeadlineIsUnknown_NeverOnTrack()
    {
        var today = new DateOnly(2027, 2, 1);
        Assert.Equal(Due.Unknown, Deadlines.DueOn(null, FilingStatus.Submitted, today));
        Assert.Equal(Due.Overdue, Deadlines.DueOn(today.AddDays(-1), FilingStatus.Submitted, today));
        Assert.Equal(Due.AtRisk, Deadlines.DueOn(today, FilingStatus.Submitted, today));
        Assert.Equal(Due.AtRisk, Deadlines.DueOn(today.AddDays(Deadlines.AtRiskDays), FilingStatus.UnderReview, today));
        Assert.Equal(Due.OnTrack, Deadlines.DueOn(today.AddDays(Deadlines.AtRiskDays + 1), FilingStatus.Draft, today));
        Assert.Equal(Due.Settled, Deadlines.DueOn(today.AddDays(-30), FilingStatus.Approved, today));
    }

    [Fact]
    public void Route_PrefersTheExactAuthority_ThenTheLongestPrefix_ThenAll()
    {
        Guid customs = Guid.NewGuid(), finance = Guid.NewGuid(), all = Guid.NewGuid(), uk = Guid.NewGuid();
        AuthorityRoute[] routes =
        [
            new("JPN", null, all),
            new("JPN", "Japan", finance),
            new("JPN", "Japan Customs", customs),
            new("GBR", "Japan Customs (Ministry of Finance)", uk),
        ];
        Assert.Equal(customs, AuthorityRouting.Route("JPN", "Japan Customs (Ministry of Finance)", routes));
        Assert.Equal(finance, AuthorityRouting.Route("jpn", "Japan Coast Guard", routes));
        Assert.Equal(all, AuthorityRouting.Route("JPN", "Ministry of Defense", routes));
        Assert.Null(AuthorityRouting.Route("AUS", "Department of Home Affairs", routes));
        Assert.Equal(customs, AuthorityRouting.Route("JPN", "japan customs", [new("JPN", "Japan Customs", customs)]));
    }
}

public class AuditChainTests
{
    private static List<AuditEntry> Chain(int rows)
    {
        var entries = new List<AuditEntry>();
        var at = new DateTime(2027, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        for (var i = 0; i < rows; i++)
        {
            entries.Add(AuditChain.Next(entries.LastOrDefault(), at.AddMinutes(i), "planner@mod.uk", "filing.transition", $"filing/{i}", Guid.Empty, "{\"status\":\"submitted\"}", "{\"status\":\"under-review\"}"));
        }

        return entries;
    }

    [Fact]
    public void FirstBroken_AWholeChainIsWhole() => Assert.Null(AuditChain.FirstBroken(Chain(5)));

    [Fact]
    public void Next_TruncatesToMicroseconds_SoAStoredRowHashesTheSame()
    {
        var entry = Chain(1)[0];
        Assert.Equal(0, entry.At.Ticks % 10);
        Assert.Equal(entry.Hash, AuditChain.HashOf(entry with { At = DateTime.SpecifyKind(entry.At, DateTimeKind.Unspecified) }));
    }

    [Fact]
    public void FirstBroken_NamesAnEditedRow()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { After = "{\"status\":\"approved\"}" };
        Assert.Equal(3, AuditChain.FirstBroken(chain)!.Value.Sequence);
    }

    [Fact]
    public void FirstBroken_NamesARehashedRowByTheNextOne()
    {
        var chain = Chain(5);
        var forged = chain[1] with { Actor = "someone-else" };
        chain[1] = forged with { Hash = AuditChain.HashOf(forged) };
        Assert.Equal(3, AuditChain.FirstBroken(chain)!.Value.Sequence);
    }

    [Fact]
    public void FirstBroken_NamesTheRowAfterADeletedOne()
    {
        var chain = Chain(5);
        chain.RemoveAt(3);
        var broken = AuditChain.FirstBroken(chain)!.Value;
        Assert.Equal(5, broken.Sequence);
        Assert.Contains("row 4 is missing", broken.Reason, StringComparison.Ordinal);
    }
}

public class AttachmentTypesTests
{
    [Theory]
    [InlineData("%PDF-1.7\n...", "application/pdf")]
    [InlineData("Clearance request, plain text\n", "text/plain; charset=utf-8")]
    public void Recognise_AcceptsTheAllowList(string content, string type) =>
        Assert.Equal(type, AttachmentTypes.Recognise(System.Text.Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Recognise_ByContentNotName()
    {
        Assert.Equal("image/png", AttachmentTypes.Recognise(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }));
        Assert.Equal("image/jpeg", AttachmentTypes.Recognise(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }));
        Assert.Null(AttachmentTypes.Recognise("MZ\u0090\0\u0003"u8));            // a Windows executable
        Assert.Null(AttachmentTypes.Recognise(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 })); // ELF
        Assert.Null(AttachmentTypes.Recognise(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 })); // ZIP
        Assert.Null(AttachmentTypes.Recognise(new byte[] { 0xC3, 0x28 }));                   // not UTF-8
        Assert.Null(AttachmentTypes.Recognise([]));
    }

    [Fact]
    public void SafeName_StripsPathsAndQuotes()
    {
        Assert.Equal("passwd", AttachmentTypes.SafeName("../../etc/passwd"));
        Assert.Equal("ab.pdf", AttachmentTypes.SafeName("a\"b.pdf"));
        Assert.Equal("attachment", AttachmentTypes.SafeName("  "));
    }
}
