// placeholder: filled by the issue-16 work
