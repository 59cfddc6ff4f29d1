// The on-premises agent. Its relay listener and backends arrive with the agent issue.
Console.Error.WriteLine("cloudtrust-agent: not yet implemented (see README.md).");
return 2;
