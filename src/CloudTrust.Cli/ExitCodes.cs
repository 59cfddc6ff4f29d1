namespace CloudTrust.Cli;

/// <summary>The exit codes of <c>cloudtrust</c>, documented in the README and in <c>--help</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The work ran and failed (a workflow failed, a domain did not converge).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an unknown command or option, a missing or invalid file, a value out of range. Nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>The work is paused and needs a person (a failed gate, an approval).</summary>
    public const int NeedsAttention = 3;

    /// <summary>The named run or object does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>The help text's summary of the codes.</summary>
    public const string Summary = "Exit codes: 0 success, 1 failed, 2 bad input (nothing changed), 3 paused and needs a person, 4 not found.";
}
