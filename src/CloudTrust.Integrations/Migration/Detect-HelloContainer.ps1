<#
.SYNOPSIS
    Intune Remediations detection script (run as the signed-in user) for the certificate-trust to cloud-trust
    migration: reports whether this user still has a Windows Hello for Business container that CloudTrust has not
    deleted yet.
.DESCRIPTION
    Prints one line of JSON: {"probe":"cloudtrust-hello-container/1","present":true}
    Exit code 1 ("issue detected", so the remediation runs) only when a container is present and the per-user marker
    HKCU:\Software\CloudTrust\HelloContainerDeleted is absent: each user's container is deleted once, however often
    the schedule runs the script. Exit code 0 otherwise.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$marker = 'HKCU:\Software\CloudTrust'
$deleted = (Test-Path $marker) -and ($null -ne (Get-ItemProperty -Path $marker -Name 'HelloContainerDeleted' -ErrorAction SilentlyContinue))
# dsregcmd /status reports NgcSet : YES when the user has a Hello container on this device.
$present = [bool]((& "$env:SystemRoot\System32\dsregcmd.exe" /status) -match '^\s*NgcSet\s*:\s*YES')
$line = @{ probe = 'cloudtrust-hello-container/1'; present = $present; deletedBefore = $deleted } | ConvertTo-Json -Compress
Write-Output $line
if ($present -and -not $deleted) { exit 1 }
exit 0
