# The application servers run on EC2 and read IAM to find their peers'
# roles: the instances get this role through an instance profile.
role "ec2-app" {
  description = "EC2 instances of the app"
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
  policies = [aws.policy.IAMReadOnlyAccess]
  tags     = { app = "web" }
}

instance_profile "ec2-app" {
  role = role.ec2-app
  tags = { app = "web" }
}
