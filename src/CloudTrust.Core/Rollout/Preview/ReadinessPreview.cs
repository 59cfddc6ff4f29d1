namespace CloudTrust.Core.Rollout.Preview;

/// <summary>Which devices and users of each ring are not ready for cloud Kerberos trust, and why.</summary>
/// <param name="StaleAfter">How long without a check-in made a device count as stale.</param>
/// <param name="Rings">One entry per ring, in rollout order.</param>
public sealed record ReadinessPreview(TimeSpan StaleAfter, IReadOnlyList<RingReadinessPreview> Rings);

/// <summary>One ring's readiness.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="Devices">Managed devices in the ring's groups.</param>
/// <param name="DevicesNotReady">Of those, how many fail at least one rule.</param>
/// <param name="DeviceReasons">How many devices fail each rule (a device failing two rules counts under both), most frequent first.</param>
/// <param name="Users">Primary users of those devices.</param>
/// <param name="UsersNotReady">Of those, how many fail at least one rule.</param>
/// <param name="UsersWithWhfb">Of those, how many already registered Windows Hello for Business.</param>
/// <param name="UserReasons">How many users fail each rule, most frequent first.</param>
/// <param name="Samples">Named examples: <c>name: reason; reason</c>.</param>
public sealed record RingReadinessPreview(
    string Ring,
    int Devices,
    int DevicesNotReady,
    IReadOnlyList<ReasonCount> DeviceReasons,
    int Users,
    int UsersNotReady,
    int UsersWithWhfb,
    IReadOnlyList<ReasonCount> UserReasons,
    IReadOnlyList<string> Samples);

/// <summary>How many devices or users fail one readiness rule.</summary>
/// <param name="Reason">The rule's code, one of <see cref="Readiness.ReadinessReasons"/>.</param>
/// <param name="Count">How many.</param>
/// <param name="Example">The text of the first one found, for example <c>Windows build 19042 is older than 19044 (Windows 10 21H2)</c>.</param>
public sealed record ReasonCount(string Reason, int Count, string Example);
