using System.Text.Json;
using CloudTrust.Integrations.Graph;

namespace CloudTrust.Rollout.Tests.Unit;

/// <summary>The device report's <c>PolicyStatus</c> cell in each form public sources show, and the interned ring sets.</summary>
public sealed class DeviceReportReadingTests
{
    [Theory]
    [InlineData("2", "succeeded")]
    [InlineData("\"2\"", "succeeded")]
    [InlineData("\"Succeeded\"", "succeeded")]
    [InlineData("0", "pending")]
    [InlineData("1", "notApplicable")]
    [InlineData("\"Not applicable\"", "notApplicable")]
    [InlineData("4", "error")]
    [InlineData("\"Noncompliant\"", "error")]
    [InlineData("5", "error")]
    [InlineData("6", "conflict")]
    [InlineData("\" conflict \"", "conflict")]
    public void A_status_reads_as_a_number_a_numeric_string_or_its_localized_name(string cell, string state)
        => Assert.Equal(state, PolicyStatusCode.Read("POST report", JsonDocument.Parse(cell).RootElement));

    [Theory]
    [InlineData("3")]
    [InlineData("99")]
    [InlineData("\"Installed\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Any_other_status_fails_naming_PolicyStatus(string cell)
    {
        var failure = Assert.Throws<UnexpectedGraphResponseException>(() => PolicyStatusCode.Read("POST report", JsonDocument.Parse(cell).RootElement));

        Assert.Equal("PolicyStatus", failure.Field);
        Assert.StartsWith("POST report: the response's PolicyStatus is ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ring_sets_are_shared_and_adding_a_ring_twice_changes_nothing()
    {
        var sets = new RingSets();

        var first = sets.With(sets.With(RingSets.Empty, 2), 0);
        var again = sets.With(sets.With(RingSets.Empty, 0), 2);

        Assert.Equal(first, again);
        Assert.Equal(first, sets.With(first, 2));
        Assert.Equal([0, 2], sets.Rings(first));
        Assert.Empty(sets.Rings(RingSets.Empty));
        Assert.NotEqual(first, sets.With(RingSets.Empty, 0));
    }

    [Fact]
    public void A_next_link_is_followed_unless_it_repeats_the_page_just_read()
    {
        Assert.Null(CollectionPaging.Next("GET /x", "https://g/x?a", null));
        Assert.Equal("https://g/x?b", CollectionPaging.Next("GET /x", "https://g/x?a", "https://g/x?b"));
        Assert.Equal("@odata.nextLink", Assert.Throws<UnexpectedGraphResponseException>(() => CollectionPaging.Next("GET /x", "https://g/x?a", "https://g/x?a")).Field);
    }
}
