package iamapi

import "github.com/iamc/iamc/provider/memory"

// listInstanceProfileTags answers ListInstanceProfileTags.
func listInstanceProfileTags(c *call) error {
	name, pg, err := c.entityParam("InstanceProfileName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.instanceProfile, func(s *memory.State, ip *memory.InstanceProfile) error {
		writeTagPage(c, pg, ip.Tags)
		return nil
	})
}

func (c *call) instanceProfile(s *memory.State, name string) (*memory.InstanceProfile, error) {
	ip := s.InstanceProfile(name)
	if ip == nil {
		return nil, noSuchEntity("Instance Profile %s cannot be found.", name)
	}
	return ip, nil
}
