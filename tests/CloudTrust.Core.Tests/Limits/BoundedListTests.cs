using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Tests.Limits;

public sealed class BoundedListTests
{
    [Fact]
    public void An_empty_list_keeps_nothing_and_counts_nothing()
    {
        var bounded = BoundedList.Of([], 20, 200);

        Assert.Empty(bounded.Items);
        Assert.Equal(0, bounded.Total);
        Assert.Equal(0, bounded.Omitted);
        Assert.Equal(string.Empty, StatusBudget.AndMore(bounded.Omitted));
    }

    [Fact]
    public void A_list_exactly_at_the_bound_is_kept_whole()
    {
        var items = Enumerable.Range(0, 20).Select(i => $"item {i}").ToList();

        var bounded = BoundedList.Of(items, 20, 200);

        Assert.Equal(items, bounded.Items);
        Assert.Equal(20, bounded.Total);
        Assert.Equal(0, bounded.Omitted);
    }

    [Fact]
    public void A_longer_list_keeps_its_first_items_and_counts_the_rest()
    {
        var bounded = BoundedList.Of(Enumerable.Range(0, 1_000).Select(i => $"item {i}"), 20, 200);

        Assert.Equal(20, bounded.Items.Count);
        Assert.Equal("item 0", bounded.Items[0]);
        Assert.Equal("item 19", bounded.Items[^1]);
        Assert.Equal(1_000, bounded.Total);
        Assert.Equal(980, bounded.Omitted);
        Assert.Equal("and 980 more", StatusBudget.AndMore(bounded.Omitted));
    }

    [Fact]
    public void Hostile_long_texts_are_cut_to_the_bound_with_an_ellipsis()
    {
        var bounded = BoundedList.Of([new string('x', 1_000_000), new string('y', 200), new string('z', 201)], 20, 200);

        Assert.Equal(200, bounded.Items[0].Length);
        Assert.EndsWith("…", bounded.Items[0], StringComparison.Ordinal);
        Assert.Equal(new string('y', 200), bounded.Items[1]);
        Assert.Equal(new string('z', 199) + "…", bounded.Items[2]);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 198) + "😀" + "tail"; // the emoji's high surrogate sits at index 198

        var cut = StatusBudget.Truncate(text, 200);

        Assert.Equal(new string('a', 198) + "…", cut);
        Assert.DoesNotContain(cut, char.IsSurrogate);
    }

    [Fact]
    public void Items_of_any_type_are_counted_and_sampled()
    {
        var bounded = BoundedList.Of(Enumerable.Range(1, 5), 2);

        Assert.Equal([1, 2], bounded.Items);
        Assert.Equal(3, bounded.Omitted);
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedList.Of(Enumerable.Range(1, 5), -1));
    }
}
