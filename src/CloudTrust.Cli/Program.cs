// The `cloudtrust` command line. Commands arrive with the CLI issue; until then it says so plainly.
Console.Error.WriteLine("cloudtrust: no commands yet — the demo and the rollout commands are coming (see README.md).");
return 2;
